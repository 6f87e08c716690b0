package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.application.shared.InvalidPageToken;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Page tokens of the byUser listing: the byUser key of the last order returned (userId, createdAt, orderId),
 * base64url-encoded. A token only continues the listing of the user it was made for; anything else, garbled or
 * foreign, is an {@link InvalidPageToken}. Crafting a token gains nothing: the query never leaves the user's
 * partition.
 */
final class PageTokens {
    private static final String VERSION = "u1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    String encode(Order last) {
        String raw = VERSION + "\n" + last.userId().value() + "\n" + Timestamps.format(last.createdAt()) + "\n"
                + last.id().value();
        return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    Map<String, AttributeValue> decode(String token, UserId user) {
        if (token.length() > 512) {
            throw new InvalidPageToken();
        }
        String raw;
        try {
            raw = new String(DECODER.decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidPageToken();
        }
        String[] parts = raw.split("\n", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || !user.value().equals(parts[1])) {
            throw new InvalidPageToken();
        }
        try {
            Timestamps.parse(parts[2]);
            OrderId.of(parts[3]);
        } catch (RuntimeException malformed) {
            throw new InvalidPageToken();
        }
        return Map.of(
                OrderItemMapper.USER_ID, AttributeValue.fromS(parts[1]),
                OrderItemMapper.CREATED_AT, AttributeValue.fromS(parts[2]),
                OrderItemMapper.ORDER_ID, AttributeValue.fromS(parts[3]));
    }
}
