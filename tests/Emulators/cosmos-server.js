#!/usr/bin/env node
/*
 * Local Cosmos DB (NoSQL API) server for tests.
 *
 * Runs @vercel/cosmosdb-server in-process and fills the gaps that matter to
 * Microsoft.Azure.Cosmos (.NET, Gateway mode):
 *   - answers query-plan requests (x-ms-cosmos-is-query-plan-request) with a
 *     pass-through plan over the single partition key range, so cross-partition
 *     queries work;
 *   - applies the partition key header (x-ms-documentdb-partitionkey) to queries
 *     and to the change feed;
 *   - a missing item gives 404 (the stock server answers 500);
 *   - If-None-Match on a point read gives 304 when the etag matches;
 *   - If-Match: * is accepted on replace/delete/upsert (stale etags give 412);
 *   - an LSN counter gives an incremental change feed (A-IM: Incremental feed).
 *
 * Usage: node cosmos-server.js [--port N] [--host 127.0.0.1] [--tls] [--no-stdin-watch]
 *   Port also from COSMOS_PORT (default 0 = any free port). Binds loopback only.
 *   Prints "READY <endpoint>" on stdout once listening.
 *   Exits on SIGTERM/SIGINT, and when stdin is a pipe that gets closed
 *   (so the server dies with the process that started it).
 *
 * Not supported: transactional batch, bulk execution, DISTINCT, OFFSET/LIMIT,
 * GROUP BY, LIKE (limits of the underlying query engine).
 */
"use strict";

const fs = require("fs");
const http = require("http");
const https = require("https");
const path = require("path");
const { Readable } = require("stream");
const { randomUUID } = require("crypto");
const { parse: parseUrl } = require("url");

const libDir = path.dirname(require.resolve("@vercel/cosmosdb-server/package.json"));
const lib = (name) => require(path.join(libDir, "lib", name));
const Account = lib("account").default;
const Items = lib("account/items").default;
const routes = lib("routes").default;
const readItems = lib("handler/_read-items").default;
const getValue = lib("utils/get-value").default;
const { parsePartitionKey } = lib("utils/get-partition-from-header");

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const args = {
    port: process.env.COSMOS_PORT ? parseInt(process.env.COSMOS_PORT, 10) : 0,
    host: process.env.COSMOS_HOST || "127.0.0.1",
    tls: false,
    watchStdin: true,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === "--port" || a === "-p") args.port = parseInt(argv[++i], 10);
    else if (a === "--host") args.host = argv[++i];
    else if (a === "--tls") args.tls = true;
    else if (a === "--no-ssl") args.tls = false;
    else if (a === "--no-stdin-watch") args.watchStdin = false;
    else if (/^\d+$/.test(a)) args.port = parseInt(a, 10);
    else {
      process.stderr.write(`unknown argument: ${a}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    process.stderr.write("invalid port\n");
    process.exit(2);
  }
  const loopback = ["127.0.0.1", "localhost", "::1"];
  if (!loopback.includes(args.host) && !args.host.startsWith("127.")) {
    process.stderr.write("only loopback hosts are allowed\n");
    process.exit(2);
  }
  return args;
}

// ---------------------------------------------------------------- LSN tracking
// Every stored document version gets the next LSN; the change feed returns the
// latest version of each document whose LSN is above the caller's etag.
let globalLsn = 0;
const lsnOf = new WeakMap();
const originalSet = Items.prototype._set;
Items.prototype._set = function setWithLsn(data) {
  globalLsn += 1;
  lsnOf.set(data, globalLsn);
  return originalSet.call(this, data);
};

// ---------------------------------------------------------------- helpers
function isTrue(req, name) {
  const v = req.headers[name];
  if (!v) return false;
  return (Array.isArray(v) ? v : [v]).some((h) => String(h).toLowerCase() === "true");
}

function pathnameOf(req) {
  let { pathname } = parseUrl(req.url);
  pathname = pathname || "/";
  if (pathname.startsWith("//")) pathname = pathname.slice(1);
  while (pathname.length > 1 && pathname.endsWith("/")) pathname = pathname.slice(0, -1);
  return pathname;
}

const docsPath = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs$/;
const docPath = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs\/([^/]+)$/;

function matchDocs(pathname) {
  const m = docsPath.exec(pathname);
  return m ? { dbId: decodeURIComponent(m[1]), collId: decodeURIComponent(m[2]) } : null;
}

function matchDoc(pathname) {
  const m = docPath.exec(pathname);
  return m
    ? { dbId: decodeURIComponent(m[1]), collId: decodeURIComponent(m[2]), docId: decodeURIComponent(m[3]) }
    : null;
}

/** Partition key values from the request header, or null when absent / "none". */
function partitionKeyFromHeader(req) {
  const raw = req.headers["x-ms-documentdb-partitionkey"];
  if (!raw || raw === "[{}]") return null;
  try {
    const parsed = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return null;
  }
}

function partitionPaths(collection) {
  const data = collection.read() || {};
  const paths = ((data.partitionKey || {}).paths || []).filter((p) => p !== "/_partitionKey");
  return paths.length ? paths : ["/id"];
}

function partitionFilter(collection, pkValues) {
  if (!pkValues) return () => true;
  const keys = partitionPaths(collection).map((p) => p.slice(1).split("/"));
  return (doc) =>
    pkValues.every((value, i) => {
      if (i >= keys.length) return true;
      const actual = getValue(keys[i], doc);
      // {} in the header stands for "undefined" (PartitionKey.None)
      if (value !== null && typeof value === "object" && Object.keys(value).length === 0) {
        return actual === undefined;
      }
      return actual === value;
    });
}

function stripQuotes(etag) {
  return String(etag).replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

const notFound = () => ({
  code: "NotFound",
  message: "Entity with the specified id does not exist in the system.",
});

// ---------------------------------------------------------------- overrides
function queryPlan(res) {
  res.statusCode = 200;
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: "None",
      top: null,
      offset: null,
      limit: null,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: "",
      hasSelectValue: false,
      hasNonStreamingOrderBy: false,
    },
    queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
  };
}

async function queryDocuments(account, req, res, body, { dbId, collId }) {
  return readItems(req, res, "Documents", async ({ continuation, maxItemCount }) => {
    const params = JSON.parse(body.toString("utf8") || "{}");
    if (!params.query) {
      res.statusCode = 400;
      return { code: "BadRequest", message: "missing query" };
    }
    const collection = account.database(dbId).collection(collId);
    if (!collection.read()) return null;
    const items = collection.documents;
    const accept = partitionFilter(collection, partitionKeyFromHeader(req));
    const data = [...items._data.values()].map((item) => item.read()).filter(accept);
    const parent = collection.read();
    const compositeIndexes = (parent.indexingPolicy && parent.indexingPolicy.compositeIndexes) || [];
    const q = items._getQuery(params.query);
    try {
      return q.exec(data, {
        parameters: params.parameters,
        udf: items._userDefinedFunctions(),
        maxItemCount,
        continuation,
        compositeIndexes,
      });
    } catch (err) {
      if (err && err.name === "SyntaxError") throw err;
      res.statusCode = 400;
      return { code: "BadRequest", message: err.message };
    }
  });
}

function changeFeed(account, req, res, { dbId, collId }) {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) {
    res.statusCode = 404;
    return notFound();
  }
  const ifNoneMatch = req.headers["if-none-match"];
  let since = 0;
  if (ifNoneMatch === "*") {
    since = globalLsn;
  } else if (ifNoneMatch) {
    const n = parseInt(stripQuotes(ifNoneMatch), 10);
    since = Number.isFinite(n) ? n : 0;
  }
  const maxHeader = parseInt(req.headers["x-ms-max-item-count"] || "-1", 10);
  const max = Number.isFinite(maxHeader) && maxHeader > 0 ? maxHeader : Infinity;
  const accept = partitionFilter(collection, partitionKeyFromHeader(req));
  const changed = [...collection.documents._data.values()]
    .map((item) => item.read())
    .filter((doc) => (lsnOf.get(doc) || 0) > since && accept(doc))
    .sort((a, b) => lsnOf.get(a) - lsnOf.get(b))
    .slice(0, max === Infinity ? undefined : max);
  if (changed.length === 0) {
    res.statusCode = 304;
    res.setHeader("etag", `"${Math.max(since, 0)}"`);
    res.setHeader("x-ms-item-count", "0");
    return null;
  }
  const last = lsnOf.get(changed[changed.length - 1]);
  res.statusCode = 200;
  res.setHeader("etag", `"${last}"`);
  res.setHeader("x-ms-item-count", String(changed.length));
  res.setHeader("lsn", String(last));
  const documents = changed.map((doc) => ({ ...doc, _lsn: lsnOf.get(doc) }));
  return { _rid: collection.read()._rid, Documents: documents, _count: documents.length, __changeFeed: true };
}

function documentExists(account, { dbId, collId, docId }, req) {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return false;
  let pk = docId;
  try {
    pk = parsePartitionKey(req.headers["x-ms-documentdb-partitionkey"], docId);
  } catch {
    pk = docId;
  }
  const data = collection.document(docId, pk).read();
  return !!data && data.id === docId && partitionFilter(collection, partitionKeyFromHeader(req))(data);
}

// ---------------------------------------------------------------- dispatch
function fakeRequest(req, body) {
  const stream = Readable.from(body.length ? [body] : []);
  stream.headers = req.headers;
  stream.method = req.method;
  stream.url = req.url;
  return stream;
}

async function dispatch(account, req, res, body) {
  const pathname = pathnameOf(req);
  const isQuery =
    req.method === "POST" && (isTrue(req, "x-ms-documentdb-isquery") || req.headers["content-type"] === "application/query+json");

  // If-Match: * means "any existing version".
  if (req.headers["if-match"] === "*") delete req.headers["if-match"];

  const docs = matchDocs(pathname);
  if (docs && isQuery) {
    if (isTrue(req, "x-ms-cosmos-is-query-plan-request")) return queryPlan(res);
    return queryDocuments(account, req, res, body, docs);
  }
  if (docs && req.method === "GET" && req.headers["a-im"]) {
    return changeFeed(account, req, res, docs);
  }

  const doc = matchDoc(pathname);
  if (doc && ["GET", "PUT", "DELETE", "PATCH"].includes(req.method) && !documentExists(account, doc, req)) {
    res.statusCode = 404;
    return notFound();
  }

  const route = routes(fakeRequest(req, body));
  if (!route) {
    res.statusCode = 400;
    return { code: "BadRequest", message: "no route" };
  }
  const [params, handler] = route;
  const result = await handler(account, fakeRequest(req, body), res, params);

  if (doc && req.method === "GET" && res.statusCode === 200 && result && result._etag) {
    const inm = req.headers["if-none-match"];
    if (inm && (inm === "*" || stripQuotes(inm) === stripQuotes(result._etag))) {
      res.statusCode = 304;
      res.setHeader("etag", result._etag);
      return null;
    }
  }
  return result;
}

function handle(account, req, res) {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("error", () => res.destroy());
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    (async () => {
      res.statusCode = 200;
      let result;
      try {
        result = await dispatch(account, req, res, body);
      } catch (err) {
        if (err && err.name === "SyntaxError") {
          res.statusCode = 400;
          result = { code: "BadRequest", message: err.message };
        } else {
          process.stderr.write(`${(err && err.stack) || err}\n`);
          res.statusCode = 500;
          result = { code: "InternalServerError", message: (err && err.message) || "" };
        }
      }
      if (res.statusCode > 399 && result && !result.message) result.message = "";
      const isChangeFeed = result && result.__changeFeed;
      if (isChangeFeed) delete result.__changeFeed;
      if (result && result._etag && !isChangeFeed) res.setHeader("etag", result._etag);
      // Partition key range feed: first read returns the single range, later reads "not modified".
      if (!isChangeFeed && req.headers["a-im"] && res.statusCode === 200) {
        if (req.headers["if-none-match"]) res.statusCode = 304;
        res.setHeader("etag", "1");
      }
      res.setHeader("content-type", "application/json");
      res.setHeader("x-ms-activity-id", randomUUID());
      res.setHeader("x-ms-request-charge", "1");
      if (res.statusCode === 304 || res.statusCode === 204 || result === null || result === undefined) {
        res.end();
      } else {
        res.end(JSON.stringify(result));
      }
    })().catch((err) => {
      process.stderr.write(`${(err && err.stack) || err}\n`);
      if (!res.writableEnded) {
        res.statusCode = 500;
        res.end("");
      }
    });
  });
}

// ---------------------------------------------------------------- main
function main() {
  const args = parseArgs(process.argv.slice(2));
  let account;
  const listener = (req, res) => handle(account, req, res);
  const server = args.tls
    ? https.createServer(
        {
          cert: fs.readFileSync(path.join(libDir, "cert.pem")),
          key: fs.readFileSync(path.join(libDir, "key.pem")),
        },
        listener,
      )
    : http.createServer(listener);
  server.keepAliveTimeout = 30000;

  const sockets = new Set();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(code));
    sockets.forEach((s) => s.destroy());
    setTimeout(() => process.exit(code), 1000).unref();
  };
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));
  process.on("SIGHUP", () => stop(0));

  if (args.watchStdin) {
    let watch = false;
    try {
      const st = fs.fstatSync(0);
      watch = st.isFIFO() || st.isSocket();
    } catch {
      watch = false;
    }
    if (watch) {
      process.stdin.on("data", () => {});
      process.stdin.on("end", () => stop(0));
      process.stdin.on("close", () => stop(0));
      process.stdin.on("error", () => stop(0));
      process.stdin.resume();
    }
  }

  server.on("error", (err) => {
    process.stderr.write(`ERROR ${err.code || ""} ${err.message}\n`);
    process.exit(1);
  });

  server.listen(args.port, args.host, () => {
    const { port } = server.address();
    const host = args.host.includes(":") ? `[${args.host}]` : args.host;
    const scheme = args.tls ? "https" : "http";
    const endpoint = `${scheme}://${host}:${port}/`;
    account = new Account(host, port);
    const meta = account.read();
    meta.writableLocations.forEach((l) => (l.databaseAccountEndpoint = endpoint));
    meta.readableLocations.forEach((l) => (l.databaseAccountEndpoint = endpoint));
    process.stdout.write(`READY ${endpoint}\n`);
  });
}

main();
