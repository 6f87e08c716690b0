// Runs one CloudFront Function (cloudfront-js-2.0) for the local stack (local/src/main/java/dev/ordersprofiles/
// local/edge/CloudFrontFunction.java). Line protocol on stdin/stdout, one JSON document a line:
//   {"code": "..."}   -> {"ok": true} | {"error": "..."}      the function's source, evaluated once
//   {"event": {...}}  -> {"result": {...}} | {"error": "..."} handler(event), awaited when it returns a promise
// The source runs in a fresh vm context with no require, process or module system, as on CloudFront.
'use strict';
const vm = require('vm');
const readline = require('readline');

let handler = null;
const out = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const logs = { log: (...parts) => process.stderr.write(parts.join(' ') + '\n') };

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
    let message;
    try {
        message = JSON.parse(line);
    } catch (e) {
        out({ error: 'not JSON: ' + e.message });
        return;
    }
    if (typeof message.code === 'string') {
        try {
            const context = vm.createContext({ console: logs });
            vm.runInContext(message.code, context, { timeout: 1000, filename: 'FunctionCode' });
            handler = vm.runInContext('typeof handler === "function" ? handler : null', context);
            out(handler ? { ok: true } : { error: 'the function code defines no handler(event)' });
        } catch (e) {
            out({ error: String(e && e.message || e) });
        }
        return;
    }
    try {
        let result = handler(message.event);
        if (result && typeof result.then === 'function') {
            result = await result;
        }
        out({ result: result === undefined ? null : result });
    } catch (e) {
        out({ error: String(e && e.message || e) });
    }
});
