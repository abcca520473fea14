// Validates one import row and stages it. Reads the store (deleted items, stored event
// ids) but never writes it, so staging holds no lock that serving waits for.
import { describeIssues, eventInput, ItemInput, UserInput } from "../inputs.js";
import { eventCode } from "../../models/event-types.js";
import type { Store } from "../store/store.js";
import type { StagingFile } from "../store/staging.js";
import type { ImportKind } from "./importer.js";

/** A row not staged because its event id was imported or stored before: not an error. */
export const DUPLICATE = Symbol("duplicate");

/** undefined: staged; a string: why the row is a bad line; DUPLICATE. */
export type RowOutcome = undefined | string | typeof DUPLICATE;

export class RowStager {
  private readonly eventSchema;
  /** Whether an item events name is deleted in the store (and not revived by this import's items). */
  private readonly deleted = new Map<string, boolean>();

  constructor(private readonly store: Store, private readonly staging: StagingFile, futureToleranceMs?: number) {
    this.eventSchema = eventInput(futureToleranceMs);
  }

  stage(kind: ImportKind, fields: Record<string, unknown>): RowOutcome {
    switch (kind) {
      case "items": return this.item(fields);
      case "users": return this.user(fields);
      case "events": return this.event(fields);
    }
  }

  private item(fields: Record<string, unknown>): RowOutcome {
    const { item_id, id, title, description, category, price, stock, tags, attributes, ...rest } = fields;
    const parsed = ItemInput.safeParse({
      id: item_id ?? id, title, description, category, price, stock, tags,
      attributes: withExtraColumns(attributes, rest),
    });
    if (!parsed.success) return describeIssues(parsed.error);
    this.staging.item(parsed.data);
  }

  private user(fields: Record<string, unknown>): RowOutcome {
    const { user_id, id, attributes, ...rest } = fields;
    const parsed = UserInput.safeParse({ id: user_id ?? id, attributes: withExtraColumns(attributes, rest) });
    if (!parsed.success) return describeIssues(parsed.error);
    this.staging.user(parsed.data);
  }

  private event(fields: Record<string, unknown>): RowOutcome {
    let context = fields.context;
    if (typeof context === "string" && context.trim() !== "") {
      try {
        context = JSON.parse(context);
      } catch {
        return "context: must be a JSON object";
      }
    }
    const parsed = this.eventSchema.safeParse({ ...fields, context });
    if (!parsed.success) return describeIssues(parsed.error);
    const e = parsed.data;
    if (e.timestamp === undefined) return "timestamp: required in import files";
    // As over HTTP, an event never revives a deleted item; only an items row does.
    if (this.isDeleted(e.item_id)) return `item_id: item ${e.item_id} was deleted`;
    if (e.event_id !== undefined && this.store.events.hasEventId(e.event_id)) return DUPLICATE;
    const staged = this.staging.event({
      userExtId: e.user_id,
      itemExtId: e.item_id,
      type: eventCode(e.type),
      value: e.value ?? null,
      ts: e.timestamp,
      context: e.context ? JSON.stringify(e.context) : null,
      eventId: e.event_id ?? null,
    });
    return staged ? undefined : DUPLICATE;
  }

  private isDeleted(extId: string): boolean {
    let deleted = this.deleted.get(extId);
    if (deleted === undefined) {
      deleted = !this.staging.hasItem(extId) && this.store.items.idOf(extId) !== undefined && this.store.items.liveIdOf(extId) === undefined;
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
