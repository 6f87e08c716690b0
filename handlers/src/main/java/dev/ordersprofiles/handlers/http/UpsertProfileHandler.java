package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.application.profile.UpsertProfile;
import dev.ordersprofiles.application.profile.UpsertProfileResult;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;

/** POST /profiles: 201 when the caller's profile is created, 200 when it is updated. */
public final class UpsertProfileHandler extends ApiHandler {
    private final Cors cors;
    private final Invocations invocations = new Invocations("profiles-upsert");
    private final UpsertProfile upsertProfile;

    public UpsertProfileHandler() {
        this(Components.fromEnvironment());
    }

    public UpsertProfileHandler(OrdersComponent component) {
        this.cors = Cors.of(component.config());
        this.upsertProfile = component.upsertProfile();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiCall.run(cors, invocations, event, context, request -> {
            Identity identity = Identity.of(request);
            var user = identity.userId();
            var email = identity.email();
            var command = HttpJson.read(request, UpsertProfileRequest::read).toCommand(user, email);
            UpsertProfileResult result = upsertProfile.upsert(command);
            return HttpJson.json(result.created() ? 201 : 200,
                    ProfileUpsertedResponse.of(ProfileResponse.from(result.profile())));
        });
    }
}
