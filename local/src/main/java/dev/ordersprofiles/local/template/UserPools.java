package dev.ordersprofiles.local.template;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the template's user pools and joins each app client to its pool (the client's {@code UserPoolId}). */
final class UserPools {
    private UserPools() {
    }

    static List<UserPoolDef> of(Map<String, Map<String, Object>> pools, Map<String, Map<String, Object>> clients) {
        Map<String, List<UserPoolDef.Client>> byPool = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> entry : clients.entrySet()) {
            String where = entry.getKey() + ".Properties";
            Map<String, Object> p = entry.getValue();
            String pool = String.valueOf(p.get("UserPoolId"));
            if (!pools.containsKey(pool)) {
                throw new TemplateException(where + ".UserPoolId must be a Ref to an AWS::Cognito::UserPool of the"
                        + " template, not " + pool);
            }
            Map<?, ?> units = p.get("TokenValidityUnits") instanceof Map<?, ?> u ? u : Map.of();
            byPool.computeIfAbsent(pool, k -> new ArrayList<>()).add(new UserPoolDef.Client(entry.getKey(),
                    Resolver.userPoolClientId(entry.getKey()),
                    Boolean.parseBoolean(String.valueOf(p.getOrDefault("GenerateSecret", "false"))),
                    strings(p.get("AllowedOAuthFlows"), where + ".AllowedOAuthFlows"),
                    strings(p.get("AllowedOAuthScopes"), where + ".AllowedOAuthScopes"),
                    strings(p.get("CallbackURLs"), where + ".CallbackURLs"),
                    strings(p.get("LogoutURLs"), where + ".LogoutURLs"),
                    validity(p.get("IdTokenValidity"), units.get("IdToken"), 60, ChronoUnit.MINUTES, where),
                    validity(p.get("AccessTokenValidity"), units.get("AccessToken"), 60, ChronoUnit.MINUTES, where),
                    validity(p.get("RefreshTokenValidity"), units.get("RefreshToken"), 30, ChronoUnit.DAYS, where)));
        }
        List<UserPoolDef> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> entry : pools.entrySet()) {
            Map<String, Object> p = entry.getValue();
            boolean emailIsUsername = strings(p.get("UsernameAttributes"), entry.getKey() + ".UsernameAttributes")
                    .contains("email");
            out.add(new UserPoolDef(entry.getKey(), emailIsUsername, policy(p),
                    byPool.getOrDefault(entry.getKey(), List.of())));
        }
        return out;
    }

    private static UserPoolDef.PasswordPolicy policy(Map<String, Object> pool) {
        if (!(pool.get("Policies") instanceof Map<?, ?> policies)
                || !(policies.get("PasswordPolicy") instanceof Map<?, ?> p)) {
            return UserPoolDef.PasswordPolicy.DEFAULT;
        }
        UserPoolDef.PasswordPolicy d = UserPoolDef.PasswordPolicy.DEFAULT;
        return new UserPoolDef.PasswordPolicy(
                p.containsKey("MinimumLength") ? Integer.parseInt(String.valueOf(p.get("MinimumLength"))) : d.minimumLength(),
                flag(p, "RequireLowercase", d.requireLowercase()), flag(p, "RequireUppercase", d.requireUppercase()),
                flag(p, "RequireNumbers", d.requireNumbers()), flag(p, "RequireSymbols", d.requireSymbols()));
    }

    private static boolean flag(Map<?, ?> map, String key, boolean otherwise) {
        return map.containsKey(key) ? Boolean.parseBoolean(String.valueOf(map.get(key))) : otherwise;
    }

    /** A TokenValidity value in its unit ({@code seconds}, {@code minutes}, {@code hours} or {@code days}). */
    private static Duration validity(Object value, Object unit, long defaultValue, ChronoUnit defaultUnit,
                                     String where) {
        if (value == null) {
            return Duration.of(defaultValue, defaultUnit);
        }
        long amount;
        try {
            amount = Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(where + ": token validity must be a whole number, not " + value);
        }
        String u = unit == null ? (defaultUnit == ChronoUnit.DAYS ? "days" : "hours") : String.valueOf(unit);
        return switch (u) {
            case "seconds" -> Duration.ofSeconds(amount);
            case "minutes" -> Duration.ofMinutes(amount);
            case "hours" -> Duration.ofHours(amount);
            case "days" -> Duration.ofDays(amount);
            default -> throw new TemplateException(where + ": token validity unit " + u + " is not one of seconds,"
                    + " minutes, hours, days");
        };
    }

    private static List<String> strings(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(where + " must be a list");
        }
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }
}
