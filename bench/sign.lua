-- wrk script: POST a JSON body with the headers given in the environment.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_API_KEY")
if key ~= nil and key ~= "" then wrk.headers["X-Api-Key"] = key end
local auth = os.getenv("BENCH_AUTHORIZATION")
if auth ~= nil and auth ~= "" then wrk.headers["Authorization"] = auth end
