package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.application.profile.GetProfile;
import dev.ordersprofiles.application.profile.GetProfileQuery;
import dev.ordersprofiles.domain.shared.UserId;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;

/** GET /profiles/{id}: the caller's own profile; anyone else's id answers 404 exactly like a missing one. */
public final class GetProfileHandler extends ApiHandler {
    private final Cors cors;
    private final Invocations invocations = new Invocations("profiles-get");
    private final GetProfile getProfile;

    public GetProfileHandler() {
        this(Components.fromEnvironment());
    }

    public GetProfileHandler(OrdersComponent component) {
        this.cors = Cors.of(component.config());
        this.getProfile = component.getProfile();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiCall.run(cors, invocations, event, context, request -> {
            UserId requester = Identity.of(request).userId();
            Fields fields = new Fields();
            String raw = request.pathParameter("id").orElse(null);
            UserId profileId = fields.required("id", raw) ? fields.build("id", () -> UserId.of(raw)) : null;
            fields.check();
            return HttpJson.json(200, ProfileResponse.from(getProfile.get(new GetProfileQuery(requester, profileId))));
        });
    }
}
