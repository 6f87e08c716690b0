package dev.ordersprofiles.adapters.aws.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;

/** The one streaming JSON factory of the AWS adapters (jackson-core only: no databind on the call path). */
public final class Wire {
    public static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Wire() {
    }
}
