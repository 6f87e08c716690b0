package dev.ordersprofiles.bench;

import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The profiles port on the AWS SDK v2's DynamoDbClient, for the "java-sdk" bench variant only (docs/performance.md,
 * "The SDK as a measured alternative"): the same requests as adapters-aws's DynamoDbProfileRepository (GetItem
 * with a consistent read; PutItem on attribute_not_exists(userId) for an insert, unconditional for an update).
 * Never in function.jar: the bench module alone depends on the SDK.
 */
final class SdkProfileRepository implements ProfileRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    SdkProfileRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Profile> find(UserId userId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("userId", AttributeValue.fromS(userId.value()))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new Profile(UserId.of(item.get("userId").s()), ProfileName.of(item.get("name").s()),
                Email.of(item.get("email").s()), Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s())));
    }

    @Override
    public boolean insert(Profile profile) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(profile))
                    .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", "userId")));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public void update(Profile profile) {
        dynamo.putItem(b -> b.tableName(table).item(item(profile)));
    }

    private static Map<String, AttributeValue> item(Profile profile) {
        return Map.of(
                "userId", AttributeValue.fromS(profile.userId().value()),
                "name", AttributeValue.fromS(profile.name().value()),
                "email", AttributeValue.fromS(profile.email().value()),
                "createdAt", AttributeValue.fromS(profile.createdAt().toString()),
                "updatedAt", AttributeValue.fromS(profile.updatedAt().toString()));
    }
}
