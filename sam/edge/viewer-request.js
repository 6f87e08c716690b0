// CloudFront Function (runtime cloudfront-js-2.0), viewer-request event of the docs distribution.
// The template inlines this file verbatim (FunctionCode); a test in the sam module keeps the two equal.
// No require/import: the runtime has no module system. Tests evaluate this file in a node:vm context.
//   "/"                -> 302 to "/docs/" (query string kept)
//   "/docs"            -> 302 to "/docs/" (so relative links in the page resolve under /docs/)
//   ".../" (directory) -> rewrite to ".../index.html"
//   anything else      -> unchanged
function handler(event) {
    var request = event.request;
    var uri = request.uri;

    if (uri === '/' || uri === '' || uri === '/docs') {
        return {
            statusCode: 302,
            statusDescription: 'Found',
            headers: {
                location: { value: '/docs/' + queryString(request.querystring) },
                'cache-control': { value: 'max-age=300' }
            }
        };
    }
    if (uri.charAt(uri.length - 1) === '/') {
        request.uri = uri + 'index.html';
    }
    return request;
}

// Rebuilds "?a=1&b=2&b=3" from the event's querystring object ({name: {value, multiValue?}}).
function queryString(qs) {
    var parts = [];
    for (var name in qs) {
        var entry = qs[name];
        var values = entry.multiValue ? entry.multiValue : [entry];
        for (var i = 0; i < values.length; i++) {
            parts.push(values[i].value === '' ? name : name + '=' + values[i].value);
        }
    }
    return parts.length ? '?' + parts.join('&') : '';
}
