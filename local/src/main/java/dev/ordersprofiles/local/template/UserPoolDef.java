package dev.ordersprofiles.local.template;

import java.time.Duration;
import java.util.List;

/**
 * An {@code AWS::Cognito::UserPool} of the template with its {@code AWS::Cognito::UserPoolClient}s, as far as the
 * local Hosted UI needs them: whether the username is the email address, the password policy, and each client's
 * id, OAuth flows, scopes, callback and sign-out URLs and token lifetimes.
 */
public record UserPoolDef(String logicalId, boolean emailIsUsername, PasswordPolicy passwordPolicy,
                          List<Client> clients) {
    public UserPoolDef {
        clients = List.copyOf(clients);
    }

    /** {@code Policies.PasswordPolicy}; Cognito's defaults where a field is missing. */
    public record PasswordPolicy(int minimumLength, boolean requireLowercase, boolean requireUppercase,
                                 boolean requireNumbers, boolean requireSymbols) {
        public static final PasswordPolicy DEFAULT = new PasswordPolicy(8, true, true, true, true);
    }

    /**
     * An app client. {@code clientId} is its local id (what {@code Ref} of the client resolves to locally): 26
     * lower-case letters and digits like Cognito's, the same for the same logical id.
     */
    public record Client(String logicalId, String clientId, boolean hasSecret, List<String> flows,
                         List<String> scopes, List<String> callbackUrls, List<String> logoutUrls,
                         Duration idTokenValidity, Duration accessTokenValidity, Duration refreshTokenValidity) {
        public Client {
            flows = List.copyOf(flows);
            scopes = List.copyOf(scopes);
            callbackUrls = List.copyOf(callbackUrls);
            logoutUrls = List.copyOf(logoutUrls);
        }
    }
}
