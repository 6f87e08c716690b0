package dev.ordersprofiles.adapters.aws.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS service spoken to with the AWS JSON protocol: its signing name, endpoint prefix, the X-Amz-Target prefix
 * of its operations, its JSON content type and its SDK service id (which names its {@code AWS_ENDPOINT_URL_<ID>}
 * variable).
 */
public record AwsService(String name, String signingName, String endpointPrefix, String targetPrefix,
                         String contentType, String serviceId) {
    public static final AwsService DYNAMODB = new AwsService("DynamoDB", "dynamodb", "dynamodb",
            "DynamoDB_20120810", "application/x-amz-json-1.0", "DynamoDB");
    public static final AwsService STEP_FUNCTIONS = new AwsService("Step Functions", "states", "states",
            "AWSStepFunctions", "application/x-amz-json-1.0", "SFN");

    /** The variable that points every service at one endpoint (the SDKs' global endpoint override). */
    public static final String GLOBAL_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";
    /** Set to {@code true}, the SDKs ignore the {@code AWS_ENDPOINT_URL*} variables; so do we. */
    public static final String IGNORE_ENDPOINTS_VARIABLE = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /** The environment switches for endpoint variants this client does not build; each refused when true. */
    public static final List<String> UNSUPPORTED_VARIANT_VARIABLES =
            List.of("AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT");

    /**
     * The regional HTTPS endpoint, e.g. {@code https://dynamodb.eu-west-1.amazonaws.com}: the aws, aws-cn and
     * aws-us-gov partitions.
     *
     * @throws IllegalArgumentException for a region of another partition (ISO, ISOB, ISOE, ISOF, EUSC), whose
     *     domains this client does not know; set {@code AWS_ENDPOINT_URL_<SERVICE>} there
     */
    public URI endpoint(String region) {
        String r = region.toLowerCase(Locale.ROOT);
        if (r.startsWith("us-iso") || r.startsWith("eu-iso") || r.startsWith("eusc-") || !regionShaped(r)) {
            throw new IllegalArgumentException("AWS_REGION " + region + " is not in a partition this client supports"
                    + " (aws, aws-cn, aws-us-gov); set " + endpointVariable() + " to the service's endpoint");
        }
        String domain = r.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://" + endpointPrefix + "." + r + "." + domain);
    }

    /** {@code xx-name(-name)*-N}, checked by hand (no regex engine in a function's cold start). */
    private static boolean regionShaped(String region) {
        String[] parts = region.split("-", -1);
        if (parts.length < 3 || parts[0].length() != 2) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                return false;
            }
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                boolean ok = i == parts.length - 1 ? c >= '0' && c <= '9' : c >= 'a' && c <= 'z';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Refuses FIPS and dual-stack endpoints, which the SDKs choose with {@code AWS_USE_FIPS_ENDPOINT=true} and
     * {@code AWS_USE_DUALSTACK_ENDPOINT=true}: this client would silently use the plain regional endpoint.
     *
     * @throws IllegalArgumentException naming the variable
     */
    public static void requireSupportedVariant(Map<String, String> env) {
        for (String variable : UNSUPPORTED_VARIANT_VARIABLES) {
            if ("true".equalsIgnoreCase(env.getOrDefault(variable, "").strip())) {
                throw new IllegalArgumentException(variable + "=true is not supported by this client (it builds the"
                        + " plain regional endpoint only); unset it or set AWS_ENDPOINT_URL_<SERVICE>");
            }
        }
    }

    /**
     * This service's variable: {@code AWS_ENDPOINT_URL_} and the service id upper-cased with spaces as
     * underscores, as the SDKs spell it ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SFN}).
     */
    public String endpointVariable() {
        return GLOBAL_ENDPOINT_VARIABLE + "_" + serviceId.toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    /**
     * The endpoint the environment configures for this service, with the SDKs' precedence among environment
     * variables: the service's own variable, then {@code AWS_ENDPOINT_URL}; none when
     * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}. Blank values count as absent.
     *
     * @throws IllegalArgumentException naming the variable when its value is not an absolute http(s) URL
     */
    public Optional<URI> configuredEndpoint(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.getOrDefault(IGNORE_ENDPOINTS_VARIABLE, "").strip())) {
            return Optional.empty();
        }
        for (String variable : new String[] {endpointVariable(), GLOBAL_ENDPOINT_VARIABLE}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(absoluteUrl(variable, value.strip()));
            }
        }
        return Optional.empty();
    }

    private static URI absoluteUrl(String variable, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(variable + " must be an absolute http(s) URL, not '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a URL: '" + value + "'");
        }
    }
}
