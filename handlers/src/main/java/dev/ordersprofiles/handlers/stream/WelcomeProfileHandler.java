package dev.ordersprofiles.handlers.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.ordersprofiles.application.profile.Welcome;
import dev.ordersprofiles.application.profile.WelcomeNewProfile;
import dev.ordersprofiles.application.profile.WelcomeNewProfileCommand;
import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;
import dev.ordersprofiles.handlers.common.Invocation;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.common.Stdout;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Profiles table stream (NEW_AND_OLD_IMAGES): logs {@code WELCOME: userId=<id> name=<name>} for every INSERT and
 * ignores MODIFY/REMOVE. With ReportBatchItemFailures, a record it cannot process is reported by its sequence
 * number and processing stops there, so Lambda retries from that record on (records before it are not re-run).
 */
public final class WelcomeProfileHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final Invocations invocations = new Invocations("profiles-stream-welcome");
    private final WelcomeNewProfile welcomeNewProfile;

    public WelcomeProfileHandler() {
        this(Components.fromEnvironment());
    }

    public WelcomeProfileHandler(OrdersComponent component) {
        this.welcomeNewProfile = component.welcomeNewProfile();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        try (Invocation invocation = invocations.start(context)) {
            List<DynamodbEvent.DynamodbStreamRecord> records =
                    event == null || event.getRecords() == null ? List.of() : event.getRecords();
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            int welcomed = 0;
            for (DynamodbEvent.DynamodbStreamRecord record : records) {
                if (!"INSERT".equals(record.getEventName())) {
                    continue;
                }
                try {
                    Welcome welcome = welcomeNewProfile.welcome(command(record.getDynamodb().getNewImage()));
                    Stdout.line(welcome.message());
                    welcomed++;
                } catch (RuntimeException e) {
                    invocation.warn();
                    invocation.put("failedRecordError", e.getClass().getName());
                    String sequenceNumber = record.getDynamodb() == null ? null
                            : record.getDynamodb().getSequenceNumber();
                    failures.add(StreamsEventResponse.BatchItemFailure.builder()
                            .withItemIdentifier(sequenceNumber).build());
                    break;
                }
            }
            invocation.put("records", records.size()).put("welcomed", welcomed).put("failed", failures.size());
            return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
        }
    }

    private static WelcomeNewProfileCommand command(Map<String, AttributeValue> newImage) {
        return new WelcomeNewProfileCommand(UserId.of(string(newImage, "userId")),
                ProfileName.of(string(newImage, "name")));
    }

    private static String string(Map<String, AttributeValue> image, String attribute) {
        AttributeValue value = image == null ? null : image.get(attribute);
        if (value == null || value.getS() == null) {
            throw new IllegalArgumentException("the new image has no string attribute " + attribute);
        }
        return value.getS();
    }
}
