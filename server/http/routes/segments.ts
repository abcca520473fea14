import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../auth.js";
import type { RouteServices as Services } from "../app.js";
import { externalId } from "../../inputs.js";
import { ProfileAnswer, SegmentsAnswer } from "../openapi/segment-schemas.js";
import { GUARDED, responses } from "../openapi/responses.js";
import { validationHook } from "../validate.js";
import { AppError, notFound } from "../../errors.js";
import { segmentsReport } from "../../analytics/segments/segment-report.js";
import type { ShopperValues } from "../../analytics/segments/shopper-values.js";

const userParam = z.object({ id: externalId.openapi({ param: { name: "id", in: "path" }, example: "17850" }) });
const noValues = () => new AppError(409, "no_segments", "the model in use was trained before shopper segments existed: run `tuijian train`");

export function segmentRoutes(s: Services): OpenAPIHono<AppEnv> {
  const admin = s.guard("admin");
  const tags = ["segments"];
  const list = createRoute({
    method: "get", path: "/segments", tags, summary: "Shoppers and spend per segment as of the model's training, with the change since the training before",
    middleware: [admin] as const, responses: responses(200, SegmentsAnswer, "the segments", [...GUARDED, 409, 503]),
  });
  const profile = createRoute({
    method: "get", path: "/users/{id}/profile", tags, summary: "A shopper's segment, RFM scores, churn risk and lifetime value",
    middleware: [admin] as const, request: { params: userParam }, responses: responses(200, ProfileAnswer, "the profile", [400, ...GUARDED, 404, 409, 503]),
  });
  const valuesOf = (): { version: string; values: ShopperValues } => {
    const { version, values } = s.recommender.shopperValues();
    if (!values) throw noValues();
    return { version, values };
  };

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const report = segmentsReport(s.registry.manifests(), valuesOf().version);
      if (!report) throw noValues();
      return c.json(report, 200);
    })
    .openapi(profile, async (c) => {
      const user = c.req.valid("param").id;
      const { version, values } = valuesOf();
      const id = await s.store.users.idOf(user);
      if (id === undefined) throw notFound("unknown_user", `no user with id "${user}"`);
      return c.json({ user, model_version: version, as_of: values.params.asOf, profile: values.profileOf(id) ?? null }, 200);
    });
}
