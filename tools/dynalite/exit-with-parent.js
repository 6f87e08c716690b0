// Preloaded into dynalite (`node --require ./exit-with-parent.js node_modules/dynalite/cli.js ...`) by the local stack and
// the adapters-aws integration tests: the JVM holds this process's stdin, so when the JVM dies, even by
// SIGKILL, stdin ends and dynalite exits instead of lingering on its port.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
