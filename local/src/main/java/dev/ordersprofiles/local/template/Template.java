package dev.ordersprofiles.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack needs to know of sam/template.yaml, with every intrinsic resolved for the local world.
 * There is no other list of functions or routes: everything the stack runs comes from here.
 * {@code docsResponseHeaders} are the security headers of the CloudFront response headers policy;
 * {@code viewerRequestCode} is the {@code FunctionCode} of the template's CloudFront Function, if it has one;
 * {@code userPools} the Cognito user pools with their app clients (the local Hosted UI serves them).
 */
public record Template(Map<String, String> parameters, ApiStage apiStage, List<FunctionDef> functions,
                       List<ApiRoute> routes,
                       List<ScheduleDef> schedules, List<StreamMappingDef> streamMappings,
                       List<StateMachineDef> stateMachines, List<TableDef> tables,
                       Map<String, String> docsResponseHeaders, Optional<String> viewerRequestCode,
                       List<UserPoolDef> userPools) {
    public Template {
        parameters = Map.copyOf(parameters);
        functions = List.copyOf(functions);
        routes = List.copyOf(routes);
        schedules = List.copyOf(schedules);
        streamMappings = List.copyOf(streamMappings);
        stateMachines = List.copyOf(stateMachines);
        tables = List.copyOf(tables);
        docsResponseHeaders = Map.copyOf(docsResponseHeaders);
        userPools = List.copyOf(userPools);
    }

    public Optional<FunctionDef> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
