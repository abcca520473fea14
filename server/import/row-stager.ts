// Validates one import row and stages it in the import session; the store is not written
// until the session publishes, so staging holds nothing that serving waits for.
import { DEFAULT_FUTURE_TOLERANCE_MS, describeIssues, eventInput, ItemInput, UserInput } from "../inputs.js";
import { plainEvent } from "./plain-event.js";
import { eventCode } from "../../models/event-types.js";
import type { ImportSession } from "../store/types.js";
import type { EventInput } from "../inputs.js";
import type { ImportKind } from "./importer.js";

/** A row not staged because its event id was imported before: not an error. */
export const DUPLICATE = Symbol("duplicate");

/** undefined: staged; a string: why the row is a bad line; DUPLICATE. */
export type RowOutcome = undefined | string | typeof DUPLICATE;

export class RowStager {
  private readonly eventSchema;
  /** Whether an item events name is deleted in the store (and not revived by this import's items). */
  private readonly deleted = new Map<string, boolean>();

  /** @param deletedItems external ids of the items deleted in the store when the import began. */
  constructor(
    private readonly session: ImportSession,
    private readonly deletedItems: ReadonlySet<string>,
    private readonly futureToleranceMs = DEFAULT_FUTURE_TOLERANCE_MS,
  ) {
    this.eventSchema = eventInput(futureToleranceMs);
  }

  stage(kind: ImportKind, fields: Record<string, unknown>): Promise<RowOutcome> {
    switch (kind) {
      case "items": return this.item(fields);
      case "users": return this.user(fields);
      case "events": return this.event(fields);
    }
  }

  private async item(fields: Record<string, unknown>): Promise<RowOutcome> {
    const { item_id, id, title, description, category, price, stock, tags, attributes, ...rest } = fields;
    const parsed = ItemInput.safeParse({
      id: item_id ?? id, title, description, category, price, stock, tags,
      attributes: withExtraColumns(attributes, rest),
    });
    if (!parsed.success) return describeIssues(parsed.error);
    await this.session.item(parsed.data);
  }

  private async user(fields: Record<string, unknown>): Promise<RowOutcome> {
    const { user_id, id, attributes, ...rest } = fields;
    const parsed = UserInput.safeParse({ id: user_id ?? id, attributes: withExtraColumns(attributes, rest) });
    if (!parsed.success) return describeIssues(parsed.error);
    await this.session.user(parsed.data);
  }

  private async event(fields: Record<string, unknown>): Promise<RowOutcome> {
    const e = plainEvent(fields, this.futureToleranceMs) ?? this.parseEvent(fields);
    if (typeof e === "string") return e;
    if (e.timestamp === undefined) return "timestamp: required in import files";
    // As over HTTP, an event never revives a deleted item; only an items row does.
    if (this.deletedItems.size > 0 && (await this.isDeleted(e.item_id))) return `item_id: item ${e.item_id} was deleted`;
    // An event id stored before is counted when the import publishes.
    const staged = await this.session.event({
      userExtId: e.user_id,
      itemExtId: e.item_id,
      type: eventCode(e.type),
      value: e.value ?? null,
      ts: e.timestamp,
      context: e.context ? JSON.stringify(e.context) : null,
      eventId: e.event_id ?? null,
      recId: e.recommendation_id ?? null,
    });
    return staged ? undefined : DUPLICATE;
  }

  /** The schema's reading of a row the plain check left to it: the event, or why it is bad. */
  private parseEvent(fields: Record<string, unknown>): EventInput | string {
    let context = fields.context;
    if (typeof context === "string" && context.trim() !== "") {
      try {
        context = JSON.parse(context);
      } catch {
        return "context: must be a JSON object";
      }
    }
    const parsed = this.eventSchema.safeParse({ ...fields, context });
    return parsed.success ? parsed.data : describeIssues(parsed.error);
  }

  private async isDeleted(extId: string): Promise<boolean> {
    if (!this.deletedItems.has(extId)) return false;
    let deleted = this.deleted.get(extId);
    if (deleted === undefined) {
      deleted = !(await this.session.hasItem(extId));
      this.deleted.set(extId, deleted);
    }
    return deleted;
  }
}

/** Columns beyond the known ones become attributes; blank cells are left out. */
function withExtraColumns(attributes: unknown, rest: Record<string, unknown>): unknown {
  const extra = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== "" && v !== undefined && v !== null));
  if (attributes === undefined || attributes === "") return Object.keys(extra).length ? extra : undefined;
  if (typeof attributes === "string") {
    try {
      attributes = JSON.parse(attributes);
    } catch {
      return attributes; // fails validation with a clear message
    }
  }
  return typeof attributes === "object" && attributes !== null ? { ...extra, ...attributes } : attributes;
}
