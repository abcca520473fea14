// Calls to tuijian's API with the admin key of this browser tab (sessionStorage: gone when
// the tab closes, never sent anywhere but this service).
const KEY = "tuijian.adminKey";

export const signedIn = () => sessionStorage.getItem(KEY) !== null;
export const signIn = (key) => sessionStorage.setItem(KEY, key);
export const signOut = () => sessionStorage.removeItem(KEY);

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const auth = () => ({ Authorization: `Bearer ${sessionStorage.getItem(KEY) ?? ""}` });

/** GET a path; JSON unless asText. Throws ApiError with the service's message. */
export async function get(path, { asText = false } = {}) {
  const res = await fetch(path, { headers: auth() });
  if (!res.ok) {
    const body = await res.json().catch(() => undefined);
    throw new ApiError(res.status, body?.error?.message ?? `${res.status} ${res.statusText}`);
  }
  return asText ? res.text() : res.json();
}

/** POST (or another method) a JSON body; the answer's JSON. Throws ApiError with the service's message. */
export async function send(method, path, body) {
  const json = body === undefined ? {} : { headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(path, { method, headers: auth(), ...json });
  const answer = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(res.status, answer?.error?.message ?? `${res.status} ${res.statusText}`);
  return answer;
}
