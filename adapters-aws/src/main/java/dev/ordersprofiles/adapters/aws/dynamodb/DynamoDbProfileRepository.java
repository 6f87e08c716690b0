package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.Map;
import java.util.Optional;

/**
 * Profiles in DynamoDB. {@code insert} is a PutItem on the condition {@code attribute_not_exists(userId)}, so the
 * table's stream shows exactly one INSERT per user (the welcome handler's trigger); {@code update} replaces the item.
 */
public final class DynamoDbProfileRepository implements ProfileRepository {
    private final DynamoDb dynamo;
    private final String table;
    private final ProfileItemMapper mapper;

    public DynamoDbProfileRepository(DynamoDb dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.mapper = new ProfileItemMapper(table);
    }

    @Override
    public Optional<Profile> find(UserId userId) {
        return dynamo.getItem(table, ProfileItemMapper.key(userId), true).map(mapper::fromItem);
    }

    @Override
    public boolean insert(Profile profile) {
        try {
            dynamo.putItem(new DynamoDb.Put(table, mapper.toItem(profile), "attribute_not_exists(#id)",
                    Map.of("#id", ProfileItemMapper.USER_ID), Map.of(), false));
            return true;
        } catch (DynamoDb.ConditionFailed exists) {
            return false;
        }
    }

    @Override
    public void update(Profile profile) {
        dynamo.putItem(DynamoDb.Put.unconditional(table, mapper.toItem(profile)));
    }
}
