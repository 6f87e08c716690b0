package dev.ordersprofiles.handlers.http;

import static dev.ordersprofiles.handlers.support.Api.OTHER_SUB;
import static dev.ordersprofiles.handlers.support.Api.SUB;
import static dev.ordersprofiles.handlers.support.Api.asOtherUser;
import static dev.ordersprofiles.handlers.support.Api.call;
import static dev.ordersprofiles.handlers.support.Api.errorFields;
import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.json;
import static dev.ordersprofiles.handlers.support.Api.withClaims;
import static dev.ordersprofiles.handlers.support.Api.withPathId;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.handlers.support.World;
import org.junit.jupiter.api.Test;

class GetProfileHandlerTest {
    private final World world = new World();
    private final GetProfileHandler handler = new GetProfileHandler(world.component);

    @Test
    void the_caller_reads_their_own_profile() {
        call(new UpsertProfileHandler(world.component), event("api-profiles-post"));

        APIGatewayProxyResponseEvent response = call(handler, event("api-profiles-get"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("userId").asText()).isEqualTo(SUB);
        assertThat(json(response).path("name").asText()).isEqualTo("Ada Lovelace");
    }

    @Test
    void a_missing_profile_is_a_404() {
        assertThat(call(handler, event("api-profiles-get")).getStatusCode()).isEqualTo(404);
    }

    @Test
    void someone_elses_profile_answers_exactly_like_a_missing_one() {
        call(new UpsertProfileHandler(world.component), asOtherUser(event("api-profiles-post")));

        APIGatewayProxyResponseEvent existingButForeign = call(handler, withPathId(event("api-profiles-get"), OTHER_SUB));
        APIGatewayProxyResponseEvent missing =
                call(handler, withPathId(event("api-profiles-get"), "no-such-user-0000"));

        assertThat(existingButForeign.getStatusCode()).isEqualTo(404);
        assertThat(existingButForeign.getBody()).isEqualTo(missing.getBody());
        assertThat(existingButForeign.getHeaders()).isEqualTo(missing.getHeaders());
    }

    @Test
    void an_id_of_the_wrong_shape_is_a_400() {
        APIGatewayProxyResponseEvent response = call(handler, withPathId(event("api-profiles-get"), "bad%20id!"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly("id");
    }

    @Test
    void missing_claims_are_a_401() {
        assertThat(call(handler, withClaims(event("api-profiles-get"), null)).getStatusCode()).isEqualTo(401);
    }
}
