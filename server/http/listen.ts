// Where the service listens, and what Node's own HTTP parser answers. While no API key
// exists the service is open, so it listens on loopback only; asked to listen elsewhere
// without a key, it refuses to start.
import type { Server } from "node:http";
import type { Socket } from "node:net";
import { AppError } from "../errors.js";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

export const isLoopback = (host: string) => LOOPBACK.test(host);

/** The address to listen on: the configured one, else 0.0.0.0 once a key exists and 127.0.0.1 before. */
export function listenHost(configured: string | undefined, keysExist: boolean): { host: string; note?: string } {
  if (configured !== undefined) {
    if (!keysExist && !isLoopback(configured)) {
      throw new AppError(
        400, "no_api_key",
        `refusing to listen on ${configured} with no API key: anyone who reaches the port could change and read the store. ` +
          "Create a key first (`tuijian keys create --scope admin --name ops`), or listen on 127.0.0.1",
      );
    }
    return { host: configured };
  }
  if (keysExist) return { host: "0.0.0.0" };
  return { host: "127.0.0.1", note: "no API key exists: listening on 127.0.0.1 only, open to local requests. Create one (`tuijian keys create --scope admin --name ops`) and restart to serve other hosts" };
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 413: "Payload Too Large", 431: "Request Header Fields Too Large" };

/** Errors Node's HTTP parser raises before any route runs get a JSON body like every other error. */
export function answerParserErrorsWithJson(server: Server): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (err as { bytesWritten?: number }).bytesWritten) {
      socket.destroy();
      return;
    }
    const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : err.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW" ? 413 : 400;
    const body = JSON.stringify({ error: { code: `http_${status}`, message: `the request could not be parsed (${err.code ?? "malformed"})` } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
