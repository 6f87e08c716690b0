package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Profiles in DynamoDB. {@code insert} is a PutItem on the condition {@code attribute_not_exists(userId)}, so the
 * table's stream shows exactly one INSERT per user (the welcome handler's trigger); {@code update} replaces the item.
 */
public final class DynamoDbProfileRepository implements ProfileRepository {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ProfileItemMapper mapper;

    public DynamoDbProfileRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.mapper = new ProfileItemMapper(table);
    }

    @Override
    public Optional<Profile> find(UserId userId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table)
                .key(ProfileItemMapper.key(userId))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(mapper.fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public boolean insert(Profile profile) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(mapper.toItem(profile))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ProfileItemMapper.USER_ID)));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public void update(Profile profile) {
        dynamo.putItem(b -> b.tableName(table).item(mapper.toItem(profile)));
    }
}
