-- POST /orders with the bench token; every Location (/orders/{id}) answered goes to BENCH_IDS_DIR/ids-<thread>.txt
-- so that the orders can be counted afterwards (none lost, all CONFIRMED).
local count = 0
function setup(thread)
  count = count + 1
  thread:set("tid", count)
end

function init(args)
  wrk.method = "POST"
  wrk.body = '{"amount":42.50,"items":[{"sku":"A-1","qty":2}]}'
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = os.getenv("BENCH_TOKEN")
  ids = io.open(os.getenv("BENCH_IDS_DIR") .. "/ids-" .. tid .. ".txt", "w")
  ids:setvbuf("line")
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"]
  if status == 202 and location then
    ids:write(location, "\n")
  end
end
