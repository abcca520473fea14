// Generated from client/openapi.json by `npm run client:generate`: do not edit.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up (no key needed) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description up */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model is loaded (no key needed) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ready"];
                    };
                };
                /** @description no model yet */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotReady"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/recommend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shopper's personalised list
         * @description Each item with the reason it is there. A shopper without history gets what is popular in their context.
         */
        get: {
            parameters: {
                query?: {
                    /** @description the shopper's id; unknown, new or absent: the non-personalised list */
                    user?: string;
                    /** @description how many items (1 to 200) */
                    n?: number;
                    /** @description allow items the shopper already bought */
                    include_purchased?: "0" | "1" | "true" | "false";
                    /** @description the list type (README: Placements): home, product (with item), cart (with items), buy_again, trending, scenario (with theme); rules limited to another placement do not apply */
                    placement?: "home" | "product" | "cart" | "buy_again" | "trending" | "scenario";
                    /** @description placement=product: the item whose page the shopper is on */
                    item?: string;
                    /** @description placement=cart: the cart's items, comma-separated ids (at most 100) */
                    items?: string;
                    /** @description placement=scenario: the shopping scenario in words */
                    theme?: string;
                    /** @description take each item's score apart by source (item-kNN, linear, text, recency, factors, popularity, rules) with the history items behind it */
                    explain?: "0" | "1" | "true" | "false";
                    /** @description items not to show, comma-separated ids (the cart, the page's own item; at most 100); unknown ids are ignored */
                    exclude?: string;
                    /** @description only items of this category (exact match), for every shopper; a shopper without history gets its popular items first. Any other parameter (region=…, tier=…) is a shopper attribute */
                    category?: string;
                    /** @description only items with a price at least this (items without a price are left out) */
                    price_min?: number | null;
                    /** @description only items with a price at most this (items without a price are left out) */
                    price_max?: number | null;
                    /** @description true: only items whose stock was sent and is above 0 */
                    in_stock?: "0" | "1" | "true" | "false";
                    /** @description a boolean expression over category, price, stock and attributes.NAME (README: Filters), e.g. `attributes.colour IN ("red", "blue") AND NOT price > 50` */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the list */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Recommendation"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/recommend/why-not": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Why an item is not in a shopper's list
         * @description Deleted, out of stock, already bought, excluded by the request or a rule (named), filtered out, unknown to the model, moved out by diversity or a share, or ranked below the last item shown: then its rank, its score against that item's and its contributions. Takes /recommend's parameters.
         */
        get: {
            parameters: {
                query: {
                    /** @description the shopper's id; unknown, new or absent: the non-personalised list */
                    user?: string;
                    /** @description how many items (1 to 200) */
                    n?: number;
                    /** @description allow items the shopper already bought */
                    include_purchased?: "0" | "1" | "true" | "false";
                    /** @description the list type (README: Placements): home, product (with item), cart (with items), buy_again, trending, scenario (with theme); rules limited to another placement do not apply */
                    placement?: "home" | "product" | "cart" | "buy_again" | "trending" | "scenario";
                    /** @description placement=cart: the cart's items, comma-separated ids (at most 100) */
                    items?: string;
                    /** @description placement=scenario: the shopping scenario in words */
                    theme?: string;
                    /** @description items not to show, comma-separated ids (the cart, the page's own item; at most 100); unknown ids are ignored */
                    exclude?: string;
                    /** @description only items of this category (exact match), for every shopper; a shopper without history gets its popular items first. Any other parameter (region=…, tier=…) is a shopper attribute */
                    category?: string;
                    /** @description only items with a price at least this (items without a price are left out) */
                    price_min?: number | null;
                    /** @description only items with a price at most this (items without a price are left out) */
                    price_max?: number | null;
                    /** @description true: only items whose stock was sent and is above 0 */
                    in_stock?: "0" | "1" | "true" | "false";
                    /** @description a boolean expression over category, price, stock and attributes.NAME (README: Filters), e.g. `attributes.colour IN ("red", "blue") AND NOT price > 50` */
                    filter?: string;
                    /** @description the item that is not in the list */
                    item: string;
                    /** @description placement=product: the item whose page the list is for (item= in /recommend) */
                    page_item?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the answer */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WhyNot"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/items/{id}/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Items like this one: similar text and bought together */
        get: {
            parameters: {
                query?: {
                    /** @description how many items (1 to 200) */
                    n?: number;
                    /** @description items not to show, comma-separated ids (the cart, the page's own item; at most 100); unknown ids are ignored */
                    exclude?: string;
                    /** @description only items of this category (exact match) */
                    category?: string;
                    /** @description only items with a price at least this (items without a price are left out) */
                    price_min?: number | null;
                    /** @description only items with a price at most this (items without a price are left out) */
                    price_max?: number | null;
                    /** @description true: only items whose stock was sent and is above 0 */
                    in_stock?: "0" | "1" | "true" | "false";
                    /** @description a boolean expression over category, price, stock and attributes.NAME (README: Filters), e.g. `attributes.colour IN ("red", "blue") AND NOT price > 50` */
                    filter?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description similar items, each with its source */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SimilarItems"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Semantic search, reordered by the shopper's taste */
        get: {
            parameters: {
                query: {
                    /** @description the query text */
                    q: string;
                    /** @description the shopper whose taste reorders the results */
                    user?: string;
                    /** @description how many items (1 to 200) */
                    n?: number;
                    /** @description items not to show, comma-separated ids (the cart, the page's own item; at most 100); unknown ids are ignored */
                    exclude?: string;
                    /** @description only items of this category (exact match) */
                    category?: string;
                    /** @description only items with a price at least this (items without a price are left out) */
                    price_min?: number | null;
                    /** @description only items with a price at most this (items without a price are left out) */
                    price_max?: number | null;
                    /** @description true: only items whose stock was sent and is above 0 */
                    in_stock?: "0" | "1" | "true" | "false";
                    /** @description a boolean expression over category, price, stock and attributes.NAME (README: Filters), e.g. `attributes.colour IN ("red", "blue") AND NOT price > 50` */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description matching items */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchResult"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Browse and search the catalogue, a page at a time (admin) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description items after this id (the previous page's `next`) */
                    after?: string;
                    category?: string;
                    /** @description text the id or title contains (any case) */
                    q?: string;
                    /** @description deleted items only */
                    deleted?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of items in id order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ItemPage"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Insert or replace items (and revive deleted ones) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ItemInput"][];
                };
            };
            responses: {
                /** @description every item written */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Upserted"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An item */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the item */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Item"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an item: never recommended again, at once (audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Insert or replace shoppers' attributes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ShopperInput"][];
                };
            };
            responses: {
                /** @description every shopper written */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Upserted"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shopper's attributes (personal data: admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the shopper */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shopper"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Erase a shopper (GDPR Art. 17; PIPL Art. 47)
         * @description Attributes and events in one transaction: every serving process treats the id as unknown at once, later models and batch outputs leave them out. Audited with counts only.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description kept in the audit log with the request, e.g. a ticket number */
                    reference?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description erased */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Erased"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record events: the shopper's next list changes at once
         * @description A batch is written whole or not at all. An event whose event_id was stored before is not stored again.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Event"][];
                };
            };
            responses: {
                /** @description written */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventsAccepted"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the records name items that do not exist or were deleted */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything stored about a shopper (GDPR Art. 15, 20; PIPL Art. 45)
         * @description Attributes, every event with its context, and what is derived from them, as one JSON document streamed page by page. Audited.
         */
        get: {
            parameters: {
                query?: {
                    /** @description kept in the audit log with the request, e.g. a ticket number */
                    reference?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the shopper's data */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShopperExport"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every API key (never a secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the keys, revoked ones included */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeys"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key: its secret is in this answer only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            responses: {
                /** @description created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyCreated"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/keys/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key: refused by every process within a second */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description revoked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first: who did what, with counts, never personal data */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description entries older than this id (the next page) */
                    before?: number;
                    /** @description only this action, e.g. privacy.erase */
                    action?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditLog"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rules in force (each at its newest version) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the rules */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Rules"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a rule: every serving process applies it within a second */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewRule"];
                };
            };
            responses: {
                /** @description created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredRule"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rule and its version history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RuleHistory"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Replace a rule with a new version */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RuleUpdate"];
                };
            };
            responses: {
                /** @description its new version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredRule"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a rule (its history is kept) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RuleDeleted"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every experiment: drafts, running and stopped */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the experiments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Experiments"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an experiment (a draft: start it to assign shoppers) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewExperiment"];
                };
            };
            responses: {
                /** @description created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredExperiment"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An experiment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the experiment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredExperiment"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Replace a draft's design */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ExperimentUpdate"];
                };
            };
            responses: {
                /** @description its new version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredExperiment"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Delete an experiment that is not running */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ExperimentDeleted"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start (or restart) an experiment: every serving process assigns its shoppers within a second
         * @description An optional JSON body { "version": N } refuses the change with 409 if the experiment is no longer at version N.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description its new state */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredExperiment"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop an experiment: its lists are served as before; its report stays
         * @description An optional JSON body { "version": N } refuses the change with 409 if the experiment is no longer at version N.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description its new state */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredExperiment"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body or the batch is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per variant: lists, CTR, add-to-cart, conversion, revenue per mille, order value, with 95% intervals and tests against the control */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ExperimentReport"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shoppers and spend per segment as of the model's training, with the change since the training before */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the segments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Segments"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shopper's segment, RFM scores, churn risk and lifetime value */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the profile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShopperProfileAnswer"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description in conflict with the store or the model (e.g. no text model, a key name in use) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shop's funnel, orders, revenue, order value, repeat purchases, cohort retention and the revenue share of recommendations, per day or week */
        get: {
            parameters: {
                query?: {
                    /** @description the first day (2011-11-01) or time; default: 30 days (12 weeks) before `to` */
                    from?: string;
                    /** @description the end, exclusive; default: the day after the newest event */
                    to?: string;
                    /** @description a row per day or per week (Monday to Sunday) */
                    interval?: "day" | "week";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the KPIs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Kpis"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/attribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the lists served in a range earned: overall and by placement, model version and variant, and click-through by position */
        get: {
            parameters: {
                query?: {
                    /** @description lists served from this day (2026-11-01) or time; default: 7 days before `to` */
                    from?: string;
                    /** @description until this day or time, exclusive; default: now */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the attribution */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Attribution"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every serving process's metrics, added up (Prometheus) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the metrics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description no API key, or an unknown one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not an admin key */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description over the key's rate limit */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description a worker did not answer in time */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shopper's events, newest first, a page at a time (personal data: admin) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description the previous page's `next` */
                    before?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShopperEvents"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such item, shopper, key or route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts, events per type per day, the model in use and the training history (admin) */
        get: {
            parameters: {
                query?: {
                    /** @description days of events, ending at the newest event's day */
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the figures */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Stats"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stats/catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Coverage and the most recommended items in a sample of shoppers' lists; items waiting for embedding (admin) */
        get: {
            parameters: {
                query?: {
                    /** @description shoppers whose lists are computed */
                    sample?: number;
                    /** @description the length of each list */
                    n?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the figures */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogueHealth"];
                    };
                };
                /** @description a parameter or field is invalid (details name each), or the body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no API key, or an unknown, revoked or expired one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key's scope does not allow this route */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the key is over its rate limit: retry after Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no model loaded yet, or the store is busy or unreachable: retry after Retry-After seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @example {
         *       "status": "ok"
         *     }
         */
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        /**
         * @example {
         *       "ready": true,
         *       "model_version": "v000001"
         *     }
         */
        Ready: {
            /** @enum {boolean} */
            ready: true;
            model_version: string;
        };
        /**
         * @example {
         *       "ready": false,
         *       "reason": "no model loaded"
         *     }
         */
        NotReady: {
            /** @enum {boolean} */
            ready: false;
            reason: string;
        };
        /**
         * @example {
         *       "user": "17850",
         *       "placement": "home",
         *       "model_version": "v000001",
         *       "recommendation_id": "e8791405-b6b5-447b-a958-c7b347fee09f",
         *       "personalized": true,
         *       "items": [
         *         {
         *           "id": "23439",
         *           "title": "HAND WARMER RED LOVE HEART",
         *           "score": 2.39558,
         *           "reason": {
         *             "type": "item_to_item",
         *             "item": "22633",
         *             "title": "HAND WARMER UNION JACK"
         *           }
         *         }
         *       ]
         *     }
         */
        Recommendation: {
            user: string | null;
            /** @enum {string} */
            placement: "home" | "product" | "cart" | "buy_again" | "trending" | "scenario";
            model_version: string;
            /**
             * Format: uuid
             * @description identifies this list, for attributing clicks to it
             */
            recommendation_id: string;
            personalized: boolean;
            items: components["schemas"]["RecommendedItem"][];
            /** @description present when the request named a filter (category, price_min, price_max, in_stock, filter): the filter as given and how many items passed */
            filter?: {
                category?: string;
                price_min?: number;
                price_max?: number;
                in_stock?: boolean;
                /** @description the `filter` expression as given */
                expression?: string;
                /** @description items passing the filter that the model can show (0: the list is empty because of the filter) */
                passed: number;
            };
        };
        /**
         * @example {
         *       "id": "23439",
         *       "title": "HAND WARMER RED LOVE HEART",
         *       "score": 2.39558,
         *       "reason": {
         *         "type": "popular"
         *       }
         *     }
         */
        RecommendedItem: {
            /**
             * @description the item's id in the shop
             * @example 22423
             */
            id: string;
            title: string | null;
            score: number;
            reason: components["schemas"]["Reason"];
            /** @description with explain=true */
            explain?: {
                /** @description the score taken apart by source: for a scored item they add up to the score */
                contributions: {
                    item_knn?: number;
                    linear?: number;
                    text?: number;
                    recency?: number;
                    factors?: number;
                    popularity?: number;
                    rules?: number;
                    pin?: number;
                    new_item?: number;
                    popular_in_context?: number;
                    buy_again?: number;
                    trending?: number;
                    theme?: number;
                };
                /** @description the history items behind the largest item-to-item contribution */
                because: {
                    /**
                     * @description the item's id in the shop
                     * @example 22423
                     */
                    item: string;
                    title: string | null;
                    contribution: number;
                }[];
                /** @description its place before diversity, shares and pins (null: put there by a rule) */
                rank_before_rules: number | null;
            };
        };
        /**
         * @example {
         *       "type": "item_to_item",
         *       "item": "22633",
         *       "title": "HAND WARMER UNION JACK"
         *     }
         */
        Reason: {
            /** @enum {string} */
            type: "item_to_item";
            /**
             * @description the item's id in the shop
             * @example 22423
             */
            item: string;
            title: string | null;
        } | {
            /** @enum {string} */
            type: "your_history";
        } | {
            /** @enum {string} */
            type: "similar_shoppers";
        } | {
            /** @enum {string} */
            type: "new_item";
        } | {
            /** @enum {string} */
            type: "popular";
        } | {
            /** @enum {string} */
            type: "popular_in";
            segments: string[];
        } | {
            /** @enum {string} */
            type: "pinned";
            rule: string;
        } | {
            /** @enum {string} */
            type: "buy_again";
        } | {
            /** @enum {string} */
            type: "trending";
        } | {
            /** @enum {string} */
            type: "theme";
            theme: string;
        };
        /**
         * @example {
         *       "error": {
         *         "code": "bad_request",
         *         "message": "invalid query parameters",
         *         "details": [
         *           {
         *             "path": "n",
         *             "message": "Too big: expected number to be <=200"
         *           }
         *         ]
         *       }
         *     }
         */
        Error: {
            error: {
                /** @description stable and machine-readable: bad_request, unauthorized, forbidden, unknown_item, rate_limited, store_busy … */
                code: string;
                message: string;
                /** @description e.g. each invalid field with its path */
                details?: unknown;
            };
        };
        /**
         * @example {
         *       "user": "17850",
         *       "item": "22423",
         *       "model_version": "v000001",
         *       "verdict": "ranked_below",
         *       "message": "it ranks 57; its score 0.41 is below the last item shown (0.93)",
         *       "rank": 57,
         *       "searched": 410,
         *       "score": 0.41,
         *       "last_shown_score": 0.93,
         *       "contributions": {
         *         "item_knn": 0.02,
         *         "linear": 0.11,
         *         "popularity": 0.28
         *       }
         *     }
         */
        WhyNot: {
            user: string | null;
            /**
             * @description the item's id in the shop
             * @example 22423
             */
            item: string;
            model_version: string;
            /** @enum {string} */
            verdict: "shown" | "deleted" | "out_of_stock" | "already_bought" | "excluded_by_request" | "filtered" | "excluded_by_rule" | "not_in_model" | "moved_by_rules" | "ranked_below";
            message: string;
            /** @description shown: its place */
            position?: number;
            /** @description excluded_by_rule: the exclude rules that hide it */
            rules?: string[];
            /** @description its place in the model's ranking before rules moved anything (null: below the first `searched`) */
            rank?: number | null;
            searched?: number;
            score?: number;
            /** @description the score of the last item the list shows */
            last_shown_score?: number | null;
            contributions?: {
                item_knn?: number;
                linear?: number;
                text?: number;
                recency?: number;
                factors?: number;
                popularity?: number;
                rules?: number;
                pin?: number;
                new_item?: number;
                popular_in_context?: number;
                buy_again?: number;
                trending?: number;
                theme?: number;
            };
        };
        /**
         * @example {
         *       "item": "22423",
         *       "model_version": "v000002",
         *       "items": [
         *         {
         *           "id": "22697",
         *           "title": "GREEN REGENCY TEACUP AND SAUCER",
         *           "score": 1.9,
         *           "source": "co_purchase"
         *         }
         *       ]
         *     }
         */
        SimilarItems: {
            /**
             * @description the item's id in the shop
             * @example 22423
             */
            item: string;
            model_version: string;
            items: {
                /**
                 * @description the item's id in the shop
                 * @example 22423
                 */
                id: string;
                title: string | null;
                score: number;
                /** @enum {string} */
                source: "co_purchase" | "content";
            }[];
            /** @description present when the request named a filter (category, price_min, price_max, in_stock, filter): the filter as given and how many items passed */
            filter?: {
                category?: string;
                price_min?: number;
                price_max?: number;
                in_stock?: boolean;
                /** @description the `filter` expression as given */
                expression?: string;
                /** @description items passing the filter that the model can show (0: the list is empty because of the filter) */
                passed: number;
            };
        };
        /**
         * @example {
         *       "query": "cup of tea",
         *       "user": null,
         *       "model_version": "v000002",
         *       "items": [
         *         {
         *           "id": "22697",
         *           "title": "GREEN REGENCY TEACUP AND SAUCER",
         *           "score": 0.81
         *         }
         *       ]
         *     }
         */
        SearchResult: {
            query: string;
            user: string | null;
            model_version: string;
            items: {
                /**
                 * @description the item's id in the shop
                 * @example 22423
                 */
                id: string;
                title: string | null;
                score: number;
            }[];
            /** @description present when the request named a filter (category, price_min, price_max, in_stock, filter): the filter as given and how many items passed */
            filter?: {
                category?: string;
                price_min?: number;
                price_max?: number;
                in_stock?: boolean;
                /** @description the `filter` expression as given */
                expression?: string;
                /** @description items passing the filter that the model can show (0: the list is empty because of the filter) */
                passed: number;
            };
        };
        /**
         * @example {
         *       "upserted": 2
         *     }
         */
        Upserted: {
            upserted: number;
        };
        /**
         * @example {
         *       "id": "sku-1",
         *       "title": "Teapot",
         *       "category": "kitchen",
         *       "price": 24.5,
         *       "stock": 12,
         *       "tags": [
         *         "tea",
         *         "gift"
         *       ],
         *       "attributes": {
         *         "colour": "blue"
         *       }
         *     }
         */
        ItemInput: {
            id: string;
            title?: string | null;
            description?: string | null;
            category?: string | null;
            price?: number | null;
            stock?: number | null;
            tags?: string[] | string;
            attributes?: {
                [key: string]: unknown;
            };
        };
        /**
         * @example {
         *       "id": "sku-1",
         *       "title": "Teapot",
         *       "description": null,
         *       "category": "kitchen",
         *       "price": 24.5,
         *       "stock": 12,
         *       "tags": [
         *         "tea"
         *       ],
         *       "attributes": {
         *         "colour": "blue"
         *       },
         *       "available": true,
         *       "created_at": "2024-05-01T10:00:00.000Z",
         *       "updated_at": "2024-05-01T10:00:00.000Z"
         *     }
         */
        Item: {
            /**
             * @description the item's id in the shop
             * @example 22423
             */
            id: string;
            title: string | null;
            description: string | null;
            category: string | null;
            price: number | null;
            stock: number | null;
            tags: string[];
            attributes: {
                [key: string]: unknown;
            };
            available: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * @example {
         *       "id": "17850",
         *       "attributes": {
         *         "region": "UK",
         *         "tier": "gold"
         *       }
         *     }
         */
        ShopperInput: {
            id: string;
            attributes?: {
                [key: string]: unknown;
            };
        };
        /**
         * @example {
         *       "id": "17850",
         *       "attributes": {
         *         "region": "UK",
         *         "tier": "gold"
         *       },
         *       "created_at": "2024-05-01T10:00:00.000Z",
         *       "updated_at": "2024-05-01T10:00:00.000Z"
         *     }
         */
        Shopper: {
            id: string;
            attributes: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * @example {
         *       "accepted": 2,
         *       "duplicates": 0
         *     }
         */
        EventsAccepted: {
            accepted: number;
            /** @description events whose event_id was stored before */
            duplicates: number;
        };
        /**
         * @example {
         *       "event_id": "order-991-line-1",
         *       "user_id": "17850",
         *       "item_id": "22423",
         *       "type": "purchase",
         *       "value": 2,
         *       "timestamp": "2024-05-01T10:00:00Z",
         *       "context": {
         *         "page": "product"
         *       }
         *     }
         */
        Event: {
            event_id?: string;
            recommendation_id?: string;
            user_id: string;
            item_id: string;
            /** @enum {string} */
            type: "view" | "click" | "favorite" | "cart" | "purchase" | "rating" | "share";
            timestamp?: string | number;
            value?: number | null;
            context?: {
                [key: string]: unknown;
            };
        };
        /**
         * @example {
         *       "exported_at": "2026-12-01T10:00:00.000Z",
         *       "user": {
         *         "id": "17850",
         *         "attributes": {
         *           "region": "UK"
         *         },
         *         "created_at": "2024-05-01T10:00:00.000Z",
         *         "updated_at": "2024-05-01T10:00:00.000Z"
         *       },
         *       "derived": {
         *         "segments": [
         *           "region=UK"
         *         ],
         *         "model_state": "none: lists are computed from the events above on each request"
         *       },
         *       "events": [
         *         {
         *           "item_id": "22423",
         *           "type": "purchase",
         *           "value": 2,
         *           "timestamp": "2024-05-01T10:00:00.000Z"
         *         }
         *       ],
         *       "event_count": 1
         *     }
         */
        ShopperExport: {
            /** Format: date-time */
            exported_at: string;
            user: components["schemas"]["Shopper"];
            derived: {
                segments: string[];
                model_state: string;
            };
            events: {
                event_id?: string;
                item_id: string;
                type: string;
                value?: number;
                /** Format: date-time */
                timestamp: string;
                context?: {
                    [key: string]: unknown;
                };
            }[];
            event_count: number;
        };
        /**
         * @example {
         *       "events_deleted": 297
         *     }
         */
        Erased: {
            events_deleted: number;
        };
        /**
         * @example {
         *       "keys": [
         *         {
         *           "name": "storefront",
         *           "scope": "read",
         *           "rate_per_second": null,
         *           "created_at": "2026-12-01T10:00:00.000Z",
         *           "expires_at": null,
         *           "revoked_at": null,
         *           "last_used_at": null
         *         }
         *       ]
         *     }
         */
        ApiKeys: {
            keys: components["schemas"]["ApiKey"][];
        };
        /**
         * @example {
         *       "name": "storefront",
         *       "scope": "read",
         *       "rate_per_second": null,
         *       "created_at": "2026-12-01T10:00:00.000Z",
         *       "expires_at": null,
         *       "revoked_at": null,
         *       "last_used_at": null
         *     }
         */
        ApiKey: {
            name: string;
            /** @enum {string} */
            scope: "read" | "write" | "admin";
            rate_per_second: number | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            revoked_at: string | null;
            /** Format: date-time */
            last_used_at: string | null;
        };
        /**
         * @example {
         *       "name": "storefront",
         *       "scope": "read",
         *       "rate_per_second": null,
         *       "created_at": "2026-12-01T10:00:00.000Z",
         *       "expires_at": null,
         *       "revoked_at": null,
         *       "last_used_at": null,
         *       "secret": "tj_0123456789abcdefghijklmnopqrstuv"
         *     }
         */
        ApiKeyCreated: {
            name: string;
            /** @enum {string} */
            scope: "read" | "write" | "admin";
            rate_per_second: number | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            revoked_at: string | null;
            /** Format: date-time */
            last_used_at: string | null;
            /** @description shown only in this answer; the store keeps a hash */
            secret: string;
        };
        /**
         * @example {
         *       "name": "storefront",
         *       "scope": "read",
         *       "expires_in": "90d"
         *     }
         */
        NewApiKey: {
            /** @description 1 to 100 letters, digits, or . _ @ - */
            name: string;
            /** @enum {string} */
            scope: "read" | "write" | "admin";
            /** @description e.g. 90d, 12h, 30m; never expires when absent */
            expires_in?: string;
            /** @description this key's rate limit; the scope's setting when absent */
            rate_per_second?: number;
        };
        /**
         * @example {
         *       "entries": [
         *         {
         *           "id": 7,
         *           "time": "2026-12-01T10:00:00.000Z",
         *           "actor": "ops",
         *           "action": "key.revoke",
         *           "target": "storefront",
         *           "details": {
         *             "scope": "read"
         *           }
         *         }
         *       ]
         *     }
         */
        AuditLog: {
            entries: {
                id: number;
                /** Format: date-time */
                time: string;
                actor: string;
                action: string;
                target: string | null;
                details: {
                    [key: string]: unknown;
                };
            }[];
        };
        /**
         * @example {
         *       "rules": [
         *         {
         *           "id": "garden-week",
         *           "version": 2,
         *           "updated_at": "2026-12-01T10:00:00.000Z",
         *           "updated_by": "merch",
         *           "rule": {
         *             "action": "boost",
         *             "match": {
         *               "filter": "category = \"Garden\" AND stock > 0"
         *             },
         *             "multiply": 1.5,
         *             "add": 0,
         *             "enabled": true,
         *             "ends_at": "2026-12-24T00:00:00Z",
         *             "description": "garden week"
         *           }
         *         }
         *       ]
         *     }
         */
        Rules: {
            rules: {
                id: string;
                version: number;
                /** Format: date-time */
                updated_at: string;
                updated_by: string;
                rule: components["schemas"]["Rule"];
            }[];
        };
        /**
         * @description boost (multiply and/or add to the score of matching items; multiply < 1 or add < 0 buries them), exclude, pin an item at a position, or share (min: at least, max: at most that share of the list for matching items)
         * @example {
         *       "action": "boost",
         *       "match": {
         *         "filter": "category = \"Garden\" AND stock > 0"
         *       },
         *       "multiply": 1.5,
         *       "add": 0,
         *       "enabled": true,
         *       "ends_at": "2026-12-24T00:00:00Z",
         *       "description": "garden week"
         *     }
         */
        Rule: {
            /** @enum {string} */
            action: "boost";
            match: {
                filter?: string;
                items?: string[];
            };
            /** @default 1 */
            multiply: number;
            /** @default 0 */
            add: number;
            description?: string;
            /** @enum {string} */
            placement?: "home" | "product" | "cart" | "buy_again" | "trending" | "scenario";
            /** @description only lists of shoppers in one of these segments (as of the model's training) */
            segments?: ("new" | "low_frequency" | "high_frequency" | "high_value" | "at_risk" | "lost")[];
            /** Format: date-time */
            starts_at?: string;
            /** Format: date-time */
            ends_at?: string;
            /** @default true */
            enabled: boolean;
        } | {
            /** @enum {string} */
            action: "exclude";
            match: {
                filter?: string;
                items?: string[];
            };
            description?: string;
            /** @enum {string} */
            placement?: "home" | "product" | "cart" | "buy_again" | "trending" | "scenario";
            /** @description only lists of shoppers in one of these segments (as of the model's training) */
            segments?: ("new" | "low_frequency" | "high_frequency" | "high_value" | "at_risk" | "lost")[];
            /** Format: date-time */
            starts_at?: string;
            /** Format: date-time */
            ends_at?: string;
            /** @default true */
            enabled: boolean;
        } | {
            /** @enum {string} */
            action: "pin";
            item: string;
            position: number;
            description?: string;
            /** @enum {string} */
            placement?: "home" | "product" | "cart" | "buy_again" | "trending" | "scenario";
            /** @description only lists of shoppers in one of these segments (as of the model's training) */
            segments?: ("new" | "low_frequency" | "high_frequency" | "high_value" | "at_risk" | "lost")[];
            /** Format: date-time */
            starts_at?: string;
            /** Format: date-time */
            ends_at?: string;
            /** @default true */
            enabled: boolean;
        } | {
            /** @enum {string} */
            action: "share";
            match: {
                filter?: string;
                items?: string[];
            };
            min?: number;
            max?: number;
            description?: string;
            /** @enum {string} */
            placement?: "home" | "product" | "cart" | "buy_again" | "trending" | "scenario";
            /** @description only lists of shoppers in one of these segments (as of the model's training) */
            segments?: ("new" | "low_frequency" | "high_frequency" | "high_value" | "at_risk" | "lost")[];
            /** Format: date-time */
            starts_at?: string;
            /** Format: date-time */
            ends_at?: string;
            /** @default true */
            enabled: boolean;
        } | {
            /** @enum {string} */
            action: "diversity";
            max_per_category?: number;
            mmr_lambda?: number;
            description?: string;
            /** @enum {string} */
            placement?: "home" | "product" | "cart" | "buy_again" | "trending" | "scenario";
            /** @description only lists of shoppers in one of these segments (as of the model's training) */
            segments?: ("new" | "low_frequency" | "high_frequency" | "high_value" | "at_risk" | "lost")[];
            /** Format: date-time */
            starts_at?: string;
            /** Format: date-time */
            ends_at?: string;
            /** @default true */
            enabled: boolean;
        };
        /**
         * @example {
         *       "current": {
         *         "id": "garden-week",
         *         "version": 2,
         *         "updated_at": "2026-12-01T10:00:00.000Z",
         *         "updated_by": "merch",
         *         "rule": {
         *           "action": "boost",
         *           "match": {
         *             "filter": "category = \"Garden\" AND stock > 0"
         *           },
         *           "multiply": 1.5,
         *           "add": 0,
         *           "enabled": true,
         *           "ends_at": "2026-12-24T00:00:00Z",
         *           "description": "garden week"
         *         }
         *       },
         *       "history": [
         *         {
         *           "version": 2,
         *           "updated_at": "2026-12-01T10:00:00.000Z",
         *           "updated_by": "merch",
         *           "deleted": false
         *         }
         *       ]
         *     }
         */
        RuleHistory: {
            current: {
                id: string;
                version: number;
                /** Format: date-time */
                updated_at: string;
                updated_by: string;
                rule: components["schemas"]["Rule"];
            };
            history: {
                version: number;
                /** Format: date-time */
                updated_at: string;
                updated_by: string;
                deleted: boolean;
            }[];
        };
        /**
         * @example {
         *       "id": "garden-week",
         *       "version": 2,
         *       "updated_at": "2026-12-01T10:00:00.000Z",
         *       "updated_by": "merch",
         *       "rule": {
         *         "action": "boost",
         *         "match": {
         *           "filter": "category = \"Garden\" AND stock > 0"
         *         },
         *         "multiply": 1.5,
         *         "add": 0,
         *         "enabled": true,
         *         "ends_at": "2026-12-24T00:00:00Z",
         *         "description": "garden week"
         *       }
         *     }
         */
        StoredRule: {
            id: string;
            version: number;
            /** Format: date-time */
            updated_at: string;
            updated_by: string;
            rule: components["schemas"]["Rule"];
        };
        /**
         * @example {
         *       "id": "garden-week",
         *       "rule": {
         *         "action": "boost",
         *         "match": {
         *           "filter": "category = \"Garden\" AND stock > 0"
         *         },
         *         "multiply": 1.5,
         *         "add": 0,
         *         "enabled": true,
         *         "ends_at": "2026-12-24T00:00:00Z",
         *         "description": "garden week"
         *       }
         *     }
         */
        NewRule: {
            /** @description the rule's id (letters, digits, . - _); generated when absent */
            id?: string;
            rule: components["schemas"]["Rule"];
        };
        /**
         * @example {
         *       "rule": {
         *         "action": "boost",
         *         "match": {
         *           "filter": "category = \"Garden\" AND stock > 0"
         *         },
         *         "multiply": 1.5,
         *         "add": 0,
         *         "enabled": true,
         *         "ends_at": "2026-12-24T00:00:00Z",
         *         "description": "garden week"
         *       },
         *       "version": 1
         *     }
         */
        RuleUpdate: {
            rule: components["schemas"]["Rule"];
            /** @description the version being replaced: refused with 409 if the rule changed since */
            version?: number;
        };
        /**
         * @example {
         *       "id": "garden-week",
         *       "version": 3
         *     }
         */
        RuleDeleted: {
            id: string;
            version: number;
        };
        /**
         * @example {
         *       "experiments": [
         *         {
         *           "id": "home-diversity",
         *           "status": "running",
         *           "version": 2,
         *           "created_at": "2026-12-01T10:00:00.000Z",
         *           "updated_at": "2026-12-01T10:05:00.000Z",
         *           "started_at": "2026-12-01T10:05:00.000Z",
         *           "stopped_at": null,
         *           "experiment": {
         *             "description": "does a diversified home list sell more?",
         *             "mode": "ab",
         *             "primary_metric": "conversion_rate",
         *             "variants": [
         *               {
         *                 "name": "control",
         *                 "weight": 1,
         *                 "overrides": {}
         *               },
         *               {
         *                 "name": "diverse",
         *                 "weight": 1,
         *                 "overrides": {
         *                   "diversity": {
         *                     "mmr_lambda": 0.7,
         *                     "max_per_category": 3
         *                   }
         *                 }
         *               }
         *             ],
         *             "targeting": {
         *               "placements": [
         *                 "home"
         *               ]
         *             }
         *           }
         *         }
         *       ]
         *     }
         */
        Experiments: {
            experiments: {
                id: string;
                /** @enum {string} */
                status: "draft" | "running" | "stopped";
                version: number;
                /** Format: date-time */
                created_at: string;
                /** Format: date-time */
                updated_at: string;
                /** Format: date-time */
                started_at: string | null;
                /** Format: date-time */
                stopped_at: string | null;
                experiment: components["schemas"]["Experiment"];
            }[];
        };
        /**
         * @description variants (the first is the control) as named sets of setting overrides, their traffic split, targeting, and the mode: ab (a shopper sees one variant) or interleaving (each list mixes two rankers by team draft)
         * @example {
         *       "description": "does a diversified home list sell more?",
         *       "mode": "ab",
         *       "primary_metric": "conversion_rate",
         *       "variants": [
         *         {
         *           "name": "control",
         *           "weight": 1,
         *           "overrides": {}
         *         },
         *         {
         *           "name": "diverse",
         *           "weight": 1,
         *           "overrides": {
         *             "diversity": {
         *               "mmr_lambda": 0.7,
         *               "max_per_category": 3
         *             }
         *           }
         *         }
         *       ],
         *       "targeting": {
         *         "placements": [
         *           "home"
         *         ]
         *       }
         *     }
         */
        Experiment: {
            description?: string;
            /**
             * @default ab
             * @enum {string}
             */
            mode: "ab" | "interleaving";
            /**
             * @description the A/B report's decision is on this metric (interleaving decides by clicks)
             * @default ctr
             * @enum {string}
             */
            primary_metric: "ctr" | "add_to_cart_rate" | "conversion_rate" | "revenue_per_mille" | "average_order_value";
            variants: {
                name: string;
                /**
                 * @description its share of the traffic, relative to the others' (A/B)
                 * @default 1
                 */
                weight: number;
                /** @default {} */
                overrides: {
                    /** @description a control that ignores the shopper: the popularity list (purchases still excluded) */
                    popularity_only?: boolean;
                    weights?: {
                        /** @description weight of the matrix-factorisation score (the model's fitted weight otherwise) */
                        factors?: number;
                        /** @description share of popularity blended into the score (the model's fitted share otherwise) */
                        popularity?: number;
                    };
                    /** @description half-life of the shopper's past events */
                    history_half_life_days?: number;
                    /** @description most recent events scored (at most the server's --max-history) */
                    max_history?: number;
                    /** @description diversity in place of the placement's diversity rule */
                    diversity?: {
                        max_per_category?: number;
                        mmr_lambda?: number;
                    };
                    /** @description false: no merchandising rules apply; a list of rule ids: only those (of the ones in force for the list) */
                    rules?: boolean | string[];
                    /** @description score with this kept model version instead of the newest (training keeps it while the experiment runs) */
                    model_version?: string;
                };
            }[];
            /** @default {} */
            targeting: {
                /** @description only lists of these placements take part */
                placements?: ("home" | "product" | "cart" | "buy_again" | "trending" | "scenario")[];
                /** @description only shoppers in one of these segments take part */
                segments?: ("new" | "low_frequency" | "high_frequency" | "high_value" | "at_risk" | "lost")[];
            };
        };
        /**
         * @example {
         *       "id": "home-diversity",
         *       "status": "running",
         *       "version": 2,
         *       "created_at": "2026-12-01T10:00:00.000Z",
         *       "updated_at": "2026-12-01T10:05:00.000Z",
         *       "started_at": "2026-12-01T10:05:00.000Z",
         *       "stopped_at": null,
         *       "experiment": {
         *         "description": "does a diversified home list sell more?",
         *         "mode": "ab",
         *         "primary_metric": "conversion_rate",
         *         "variants": [
         *           {
         *             "name": "control",
         *             "weight": 1,
         *             "overrides": {}
         *           },
         *           {
         *             "name": "diverse",
         *             "weight": 1,
         *             "overrides": {
         *               "diversity": {
         *                 "mmr_lambda": 0.7,
         *                 "max_per_category": 3
         *               }
         *             }
         *           }
         *         ],
         *         "targeting": {
         *           "placements": [
         *             "home"
         *           ]
         *         }
         *       }
         *     }
         */
        StoredExperiment: {
            id: string;
            /** @enum {string} */
            status: "draft" | "running" | "stopped";
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            started_at: string | null;
            /** Format: date-time */
            stopped_at: string | null;
            experiment: components["schemas"]["Experiment"];
        };
        /**
         * @example {
         *       "id": "home-diversity",
         *       "experiment": {
         *         "description": "does a diversified home list sell more?",
         *         "mode": "ab",
         *         "primary_metric": "conversion_rate",
         *         "variants": [
         *           {
         *             "name": "control",
         *             "weight": 1,
         *             "overrides": {}
         *           },
         *           {
         *             "name": "diverse",
         *             "weight": 1,
         *             "overrides": {
         *               "diversity": {
         *                 "mmr_lambda": 0.7,
         *                 "max_per_category": 3
         *               }
         *             }
         *           }
         *         ],
         *         "targeting": {
         *           "placements": [
         *             "home"
         *           ]
         *         }
         *       }
         *     }
         */
        NewExperiment: {
            /** @description the experiment's id (letters, digits, . - _) */
            id: string;
            experiment: components["schemas"]["Experiment"];
        };
        /**
         * @example {
         *       "experiment": {
         *         "description": "does a diversified home list sell more?",
         *         "mode": "ab",
         *         "primary_metric": "conversion_rate",
         *         "variants": [
         *           {
         *             "name": "control",
         *             "weight": 1,
         *             "overrides": {}
         *           },
         *           {
         *             "name": "diverse",
         *             "weight": 1,
         *             "overrides": {
         *               "diversity": {
         *                 "mmr_lambda": 0.7,
         *                 "max_per_category": 3
         *               }
         *             }
         *           }
         *         ],
         *         "targeting": {
         *           "placements": [
         *             "home"
         *           ]
         *         }
         *       },
         *       "version": 1
         *     }
         */
        ExperimentUpdate: {
            experiment: components["schemas"]["Experiment"];
            /** @description the version being replaced: refused with 409 if it changed since */
            version?: number;
        };
        /**
         * @example {
         *       "id": "home-diversity"
         *     }
         */
        ExperimentDeleted: {
            id: string;
        };
        /**
         * @example {
         *       "id": "home-diversity",
         *       "status": "running",
         *       "mode": "ab",
         *       "from": "2026-12-01T10:05:00.000Z",
         *       "to": "2026-12-08T10:05:00.000Z",
         *       "attribution_window_hours": 24,
         *       "variants": [],
         *       "sample_ratio": {
         *         "shoppers": [
         *           5012,
         *           4988
         *         ],
         *         "p_value": 0.81,
         *         "mismatch": false
         *       },
         *       "decision": {
         *         "metric": "conversion_rate",
         *         "winner": "diverse",
         *         "p_value": 0.012
         *       }
         *     }
         */
        ExperimentReport: {
            id: string;
            /** @enum {string} */
            status: "draft" | "running" | "stopped";
            /** @enum {string} */
            mode: "ab" | "interleaving";
            /** Format: date-time */
            from: string | null;
            /** Format: date-time */
            to: string | null;
            attribution_window_hours: number;
            variants: {
                lists: number;
                shoppers: number;
                clicks: number;
                purchases: number;
                revenue: number;
                metrics: {
                    ctr: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                    add_to_cart_rate: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                    conversion_rate: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                    revenue_per_mille: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                    average_order_value: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                };
                name: string;
                weight: number;
            }[];
            /** @description shoppers per variant against the split (chi-square); mismatch when p < 0.001: the assignment or the logging is broken */
            sample_ratio?: {
                shoppers: number[];
                p_value: number;
                mismatch: boolean;
            };
            interleaving?: {
                lists: number;
                decided: number;
                ties: number;
                wins: [
                    number,
                    number
                ];
                preference: {
                    value: number;
                    ci: [
                        number,
                        number
                    ];
                };
                p_value: number;
            };
            decision: {
                metric: string;
                winner: string | null;
                p_value: number | null;
            };
        };
        /**
         * @example {
         *       "model_version": "v000003",
         *       "as_of": "2011-12-09T12:50:00.000Z",
         *       "shoppers": 4338,
         *       "churn_horizon_days": 90,
         *       "lifetime_value_horizon_days": 365,
         *       "models": {
         *         "bg_nbd": {
         *           "r": 0.83,
         *           "alpha": 70.1,
         *           "a": 0.001,
         *           "b": 2.4
         *         },
         *         "gamma_gamma": {
         *           "p": 2.4,
         *           "q": 3.3,
         *           "v": 385
         *         }
         *       },
         *       "thresholds": {
         *         "lostAfterDays": 180
         *       },
         *       "segments": [
         *         {
         *           "name": "high_value",
         *           "shoppers": 610,
         *           "share": 0.1406,
         *           "spend": 5123000.5,
         *           "spend_share": 0.58,
         *           "previous": null
         *         }
         *       ]
         *     }
         */
        Segments: {
            model_version: string;
            /** Format: date-time */
            as_of: string;
            shoppers: number;
            churn_horizon_days: number;
            lifetime_value_horizon_days: number;
            models: {
                bg_nbd: {
                    r: number;
                    alpha: number;
                    a: number;
                    b: number;
                } | null;
                gamma_gamma: {
                    p: number;
                    q: number;
                    v: number;
                } | null;
            };
            thresholds: {
                [key: string]: number;
            };
            segments: {
                /** @enum {string} */
                name: "new" | "low_frequency" | "high_frequency" | "high_value" | "at_risk" | "lost";
                shoppers: number;
                share: number;
                spend: number;
                spend_share: number;
                previous: {
                    model_version: string;
                    /** Format: date-time */
                    as_of: string;
                    shoppers: number;
                    spend: number;
                } | null;
            }[];
        };
        /**
         * @example {
         *       "user": "17850",
         *       "model_version": "v000003",
         *       "as_of": "2011-12-09T12:50:00.000Z",
         *       "profile": {
         *         "segment": "high_value",
         *         "scores": {
         *           "recency": 5,
         *           "frequency": 5,
         *           "monetary": 5
         *         },
         *         "churn_risk": 0.12,
         *         "lifetime_value": 2140.5,
         *         "purchase_days": 34,
         *         "total_spend": 31200.4,
         *         "first_purchase": "2010-12-01",
         *         "last_purchase": "2011-12-08"
         *       }
         *     }
         */
        ShopperProfileAnswer: {
            user: string;
            model_version: string;
            /** Format: date-time */
            as_of: string;
            profile: components["schemas"]["ShopperProfile"];
        };
        /**
         * @description null: the shopper had bought nothing when the model was trained
         * @example {
         *       "segment": "high_value",
         *       "scores": {
         *         "recency": 5,
         *         "frequency": 5,
         *         "monetary": 5
         *       },
         *       "churn_risk": 0.12,
         *       "lifetime_value": 2140.5,
         *       "purchase_days": 34,
         *       "total_spend": 31200.4,
         *       "first_purchase": "2010-12-01",
         *       "last_purchase": "2011-12-08"
         *     }
         */
        ShopperProfile: {
            /** @enum {string} */
            segment: "new" | "low_frequency" | "high_frequency" | "high_value" | "at_risk" | "lost";
            /** @description quintiles 1–5 among the shoppers who bought (5: most recent, most purchase days, most spent) */
            scores: {
                recency: number;
                frequency: number;
                monetary: number;
            };
            /** @description probability of no purchase in the churn horizon (BG/NBD); null when the data fitted no model */
            churn_risk: number | null;
            /** @description expected spend over the lifetime-value horizon (BG/NBD × Gamma–Gamma) */
            lifetime_value: number | null;
            purchase_days: number;
            total_spend: number;
            first_purchase: string;
            last_purchase: string;
        } | null;
        /**
         * @example {
         *       "from": "2011-11-09T00:00:00.000Z",
         *       "to": "2011-12-10T00:00:00.000Z",
         *       "interval": "week",
         *       "attribution_window_hours": 24,
         *       "total": {
         *         "funnel": {
         *           "active": 1210,
         *           "carted": 1210,
         *           "bought": 1210,
         *           "cart_rate": 1,
         *           "purchase_after_cart": 1,
         *           "conversion": 1
         *         },
         *         "orders": 1630,
         *         "revenue": 612034.5,
         *         "average_order_value": 375.48,
         *         "repeat_purchase_rate": 0.81,
         *         "attributed_revenue": 0,
         *         "attributed_share": 0
         *       },
         *       "periods": [
         *         {
         *           "start": "2011-11-07T00:00:00.000Z",
         *           "funnel": {
         *             "active": 1210,
         *             "carted": 1210,
         *             "bought": 1210,
         *             "cart_rate": 1,
         *             "purchase_after_cart": 1,
         *             "conversion": 1
         *           },
         *           "orders": 1630,
         *           "revenue": 612034.5,
         *           "average_order_value": 375.48,
         *           "repeat_purchase_rate": 0.81,
         *           "attributed_revenue": 0,
         *           "attributed_share": 0
         *         }
         *       ],
         *       "cohorts": [
         *         {
         *           "start": "2011-11-07T00:00:00.000Z",
         *           "shoppers": 120,
         *           "retention": [
         *             0.21,
         *             0.18,
         *             0.12,
         *             0.05
         *           ]
         *         }
         *       ]
         *     }
         */
        Kpis: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            /** @enum {string} */
            interval: "day" | "week";
            attribution_window_hours: number;
            total: {
                /** @description shoppers with any event → with a cart or purchase → with a purchase, and the conversion at each step */
                funnel: {
                    active: number;
                    carted: number;
                    bought: number;
                    cart_rate: number | null;
                    purchase_after_cart: number | null;
                    conversion: number | null;
                };
                /** @description a shopper's purchases of one UTC day are one order */
                orders: number;
                revenue: number;
                average_order_value: number | null;
                /** @description share of the period's buyers who have bought on at least two days by its end */
                repeat_purchase_rate: number | null;
                attributed_revenue: number;
                /** @description share of revenue from purchases attributed to a recommended list */
                attributed_share: number | null;
            };
            periods: {
                /** @description shoppers with any event → with a cart or purchase → with a purchase, and the conversion at each step */
                funnel: {
                    active: number;
                    carted: number;
                    bought: number;
                    cart_rate: number | null;
                    purchase_after_cart: number | null;
                    conversion: number | null;
                };
                /** @description a shopper's purchases of one UTC day are one order */
                orders: number;
                revenue: number;
                average_order_value: number | null;
                /** @description share of the period's buyers who have bought on at least two days by its end */
                repeat_purchase_rate: number | null;
                attributed_revenue: number;
                /** @description share of revenue from purchases attributed to a recommended list */
                attributed_share: number | null;
                /** Format: date-time */
                start: string;
            }[];
            /** @description shoppers whose first purchase fell in each period, and the share of them buying again 1, 2, … periods later */
            cohorts: {
                /** Format: date-time */
                start: string;
                shoppers: number;
                retention: number[];
            }[];
        };
        /**
         * @example {
         *       "from": "2026-11-24T00:00:00.000Z",
         *       "to": "2026-12-01T00:00:00.000Z",
         *       "attribution_window_hours": 24,
         *       "total": {
         *         "lists": 0,
         *         "shoppers": 0,
         *         "clicks": 0,
         *         "purchases": 0,
         *         "revenue": 0,
         *         "metrics": {
         *           "ctr": {
         *             "value": null,
         *             "ci": null
         *           },
         *           "add_to_cart_rate": {
         *             "value": null,
         *             "ci": null
         *           },
         *           "conversion_rate": {
         *             "value": null,
         *             "ci": null
         *           },
         *           "revenue_per_mille": {
         *             "value": null,
         *             "ci": null
         *           },
         *           "average_order_value": {
         *             "value": null,
         *             "ci": null
         *           }
         *         }
         *       },
         *       "by_placement": {},
         *       "by_model_version": {},
         *       "by_variant": {},
         *       "ctr_by_position": []
         *     }
         */
        Attribution: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            attribution_window_hours: number;
            total: {
                lists: number;
                shoppers: number;
                clicks: number;
                purchases: number;
                revenue: number;
                metrics: {
                    ctr: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                    add_to_cart_rate: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                    conversion_rate: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                    revenue_per_mille: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                    average_order_value: {
                        value: number | null;
                        /** @description 95% interval (delta method over shoppers) */
                        ci: [
                            number,
                            number
                        ] | null;
                        vs_control?: {
                            difference: number | null;
                            relative_lift: number | null;
                            ci: [
                                number,
                                number
                            ] | null;
                            p_value: number | null;
                        };
                    };
                };
            };
            by_placement: {
                [key: string]: {
                    lists: number;
                    shoppers: number;
                    clicks: number;
                    purchases: number;
                    revenue: number;
                    metrics: {
                        ctr: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        add_to_cart_rate: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        conversion_rate: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        revenue_per_mille: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        average_order_value: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                    };
                };
            };
            by_model_version: {
                [key: string]: {
                    lists: number;
                    shoppers: number;
                    clicks: number;
                    purchases: number;
                    revenue: number;
                    metrics: {
                        ctr: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        add_to_cart_rate: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        conversion_rate: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        revenue_per_mille: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        average_order_value: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                    };
                };
            };
            /** @description lists outside any experiment under none */
            by_variant: {
                [key: string]: {
                    lists: number;
                    shoppers: number;
                    clicks: number;
                    purchases: number;
                    revenue: number;
                    metrics: {
                        ctr: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        add_to_cart_rate: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        conversion_rate: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        revenue_per_mille: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                        average_order_value: {
                            value: number | null;
                            /** @description 95% interval (delta method over shoppers) */
                            ci: [
                                number,
                                number
                            ] | null;
                            vs_control?: {
                                difference: number | null;
                                relative_lift: number | null;
                                ci: [
                                    number,
                                    number
                                ] | null;
                                p_value: number | null;
                            };
                        };
                    };
                };
            };
            /** @description clicks on the item in place 1, 2, … 20 per list that had that place */
            ctr_by_position: number[];
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "id": "sku-1",
         *           "title": "Teapot",
         *           "description": null,
         *           "category": "kitchen",
         *           "price": 24.5,
         *           "stock": 12,
         *           "tags": [
         *             "tea"
         *           ],
         *           "attributes": {},
         *           "available": true,
         *           "created_at": "2024-05-01T10:00:00.000Z",
         *           "updated_at": "2024-05-01T10:00:00.000Z"
         *         }
         *       ],
         *       "next": "sku-1"
         *     }
         */
        ItemPage: {
            items: components["schemas"]["Item"][];
            /** @description pass as `after` for the next page; null on the last */
            next: string | null;
        };
        /**
         * @example {
         *       "events": [
         *         {
         *           "event_id": null,
         *           "item_id": "22423",
         *           "type": "purchase",
         *           "value": 2,
         *           "timestamp": "2011-12-09T12:50:00.000Z",
         *           "context": null
         *         }
         *       ],
         *       "next": "1323435000000.541909"
         *     }
         */
        ShopperEvents: {
            events: {
                event_id: string | null;
                item_id: string;
                type: string;
                value: number | null;
                /** Format: date-time */
                timestamp: string;
                context: {
                    [key: string]: unknown;
                } | null;
            }[];
            /** @description pass as `before` for the next (older) page; null on the last */
            next: string | null;
        };
        /**
         * @example {
         *       "items": 3684,
         *       "shoppers": 4339,
         *       "events": 392732,
         *       "events_per_day": {
         *         "days": [
         *           "2011-12-08",
         *           "2011-12-09"
         *         ],
         *         "counts": {
         *           "purchase": [
         *             1120,
         *             980
         *           ]
         *         }
         *       },
         *       "model": {
         *         "version": "v000002",
         *         "created_at": "2026-12-01T10:00:00.000Z",
         *         "age_seconds": 3600
         *       },
         *       "history": [
         *         {
         *           "version": "v000002",
         *           "created_at": "2026-12-01T10:00:00.000Z",
         *           "events": 392732,
         *           "shoppers": 4339,
         *           "items": 3684,
         *           "train_seconds": 21.4,
         *           "fit": {
         *             "recall": 0.112,
         *             "ndcg": 0.094,
         *             "best_recall": 0.115,
         *             "coverage": 0.31,
         *             "cases": 2000
         *           },
         *           "weights": {
         *             "itemKnn": 1,
         *             "linear": 0.6,
         *             "content": 0.1,
         *             "recency": 0.2,
         *             "factors": 0.5,
         *             "popularity": 0.1
         *           }
         *         }
         *       ],
         *       "scheduled_trains": [
         *         {
         *           "time": "2026-12-01T10:00:21.000Z",
         *           "outcome": "succeeded",
         *           "why": "model v000001 is older than 360 min",
         *           "seconds": 21,
         *           "version": "v000002",
         *           "exit_code": 0,
         *           "signal": null,
         *           "output": null
         *         }
         *       ]
         *     }
         */
        Stats: {
            items: number;
            shoppers: number;
            events: number;
            events_per_day: {
                /** @description UTC days (YYYY-MM-DD) ending at the newest event's day */
                days: string[];
                /** @description per event type, the count on each day */
                counts: {
                    [key: string]: number[];
                };
            };
            model: {
                version: string;
                /** Format: date-time */
                created_at: string;
                age_seconds: number;
            } | null;
            /** @description the versions kept, oldest first */
            history: {
                version: string;
                /** Format: date-time */
                created_at: string;
                events: number;
                shoppers: number;
                items: number;
                train_seconds: number | null;
                /** @description recall@n and NDCG@n on the validation split, coverage; null without validation data */
                fit: {
                    recall: number;
                    /** @description NDCG@n of the chosen weights; null for models trained before it was measured */
                    ndcg: number | null;
                    /** @description the best recall of any weights tried (the chosen ones may give a little up for coverage) */
                    best_recall: number;
                    coverage: number;
                    cases: number;
                } | null;
                /** @description the hybrid's weight of each source */
                weights: {
                    [key: string]: number;
                };
            }[];
            /** @description the latest trains `serve --train-every` / `--train-after-events` ran, newest first */
            scheduled_trains: {
                /** Format: date-time */
                time: string;
                /** @enum {string} */
                outcome: "succeeded" | "failed";
                /** @description why the model was due */
                why: string;
                seconds: number | null;
                /** @description the model it published; null when it failed */
                version: string | null;
                exit_code: number | null;
                /** @description the signal that ended the train, if one did */
                signal: string | null;
                /** @description the tail of the train's output when it failed */
                output: string | null;
            }[];
        };
        /**
         * @example {
         *       "sampled_shoppers": 200,
         *       "list_length": 10,
         *       "live_items": 3684,
         *       "coverage": 0.27,
         *       "top": [
         *         {
         *           "id": "85123A",
         *           "title": "WHITE HANGING HEART T-LIGHT HOLDER",
         *           "lists": 41
         *         }
         *       ],
         *       "waiting_for_embedding": {
         *         "count": 1,
         *         "items": [
         *           {
         *             "id": "sku-1",
         *             "title": "Teapot"
         *           }
         *         ]
         *       }
         *     }
         */
        CatalogueHealth: {
            sampled_shoppers: number;
            list_length: number;
            live_items: number;
            /** @description distinct items in the sampled shoppers' lists over the live items */
            coverage: number;
            /** @description the items in most sampled lists */
            top: {
                id: string;
                title: string | null;
                lists: number;
            }[];
            /** @description live items whose text has no current vector yet (the first 20); null when the model has no text model */
            waiting_for_embedding: {
                count: number;
                items: {
                    id: string;
                    title: string | null;
                }[];
            } | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
