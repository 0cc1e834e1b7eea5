#!/usr/bin/env bash
# A tour of the HTTP API against `graphfusion serve` on loopback (no key needed there).
# Usage: bash samples/walkthrough.sh   (from the repository root; needs curl and python3 for pretty-printing)
set -euo pipefail

PORT="${PORT:-5080}"
API="http://127.0.0.1:${PORT}/api"
WORK="$(mktemp -d)"
trap 'kill "${SERVE_PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
pretty() { python3 -m json.tool; }

dotnet build functions/GraphFusion.Cli -v q -nologo >/dev/null
mkdir -p "$WORK/watched"
Webhooks__AllowPrivateNetworks=true dotnet functions/GraphFusion.Cli/bin/Debug/net10.0/graphfusion.dll serve \
  --store "sqlite:$WORK/graph.db" --urls "http://127.0.0.1:${PORT}" --watch "$WORK/watched" &
SERVE_PID=$!
until curl -fs "$API/documents" >/dev/null; do sleep 1; done

echo "== Register a webhook (a receiver on loopback is allowed only with the development setting)"
curl -fs -X POST "$API/webhooks" -H 'Content-Type: application/json' \
  -d '{"url":"http://127.0.0.1:5099/hook","events":["document.ingested","document.failed"]}' | tee "$WORK/webhook.json" | pretty
WEBHOOK_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/webhook.json")

echo "== Drop documents into the watched folder; they are ingested within a second"
cp samples/documents/attention.md samples/documents/language-models.txt "$WORK/watched/"
until [ "$(curl -fs "$API/documents" | python3 -c 'import json,sys; print(sum(d["status"]=="Ingested" for d in json.load(sys.stdin)))')" -ge 2 ]; do sleep 1; done

echo "== Search by name or alias: prefix, then fuzzy"
curl -fs "$API/search?q=attention" | pretty
curl -fs "$API/search?q=transfomer&mode=fuzzy&limit=5" | pretty

FIRST=$(curl -fs "$API/search?q=transformer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["entity"]["id"])')
SECOND=$(curl -fs "$API/search?q=attention" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["entity"]["id"])')

echo "== An entity, and its neighbours a page at a time"
curl -fs "$API/entities/$FIRST" | pretty
curl -fs "$API/entities/$FIRST/neighbours?limit=5&offset=0" | pretty

echo "== Shortest path between two entities (at most 4 relations)"
curl -s "$API/paths?from=$FIRST&to=$SECOND&maxDepth=4" | pretty

echo "== Subgraph around entities, and the provenance of one of its relations"
curl -fs "$API/subgraph?ids=$FIRST,$SECOND&depth=1" | tee "$WORK/sub.json" | python3 -c 'import json,sys; g=json.load(sys.stdin); print(len(g["entities"]), "entities,", len(g["relations"]), "relations")'
RELATION=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["relations"]; print(r[0]["id"] + "?head=" + r[0]["head"] if r else "")' "$WORK/sub.json")
[ -n "$RELATION" ] && curl -fs "$API/relations/${RELATION%%\?*}/provenance?${RELATION#*\?}" | pretty

echo "== Exports: JSON, GraphML, CSV (zip or one table), Turtle; whole graph or a subgraph"
curl -fs "$API/export?format=graphml" -o "$WORK/graph.graphml"
curl -fs "$API/export?format=csv" -o "$WORK/graph-csv.zip"
curl -fs "$API/export?format=nodes.csv" | head -3
curl -fs "$API/export?format=turtle&ids=$FIRST&depth=1" | head -12

echo "== Webhooks and their deliveries (dead letters carry the reason)"
curl -fs "$API/webhooks" | pretty
curl -fs "$API/webhooks/$WEBHOOK_ID/deliveries" | pretty
curl -fs -X DELETE "$API/webhooks/$WEBHOOK_ID" -o /dev/null -w 'DELETE -> %{http_code}\n'

echo "== The viewer is at http://127.0.0.1:${PORT}/"
