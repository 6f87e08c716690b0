-- GET with the bench token (BENCH_TOKEN) in Authorization, as API Gateway's Cognito authorizer expects it.
wrk.headers["Authorization"] = os.getenv("BENCH_TOKEN")
