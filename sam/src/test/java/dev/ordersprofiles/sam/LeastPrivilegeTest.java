package dev.ordersprofiles.sam;

import static dev.ordersprofiles.sam.Template.list;
import static dev.ordersprofiles.sam.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every function's IAM policies grant exactly the DynamoDB and Step Functions calls its code makes: the ones
 * contracts/aws-permissions.json lists, which handlers' AwsCallsIT records from the functions' code paths on
 * dynalite. A grant no function needs (Scan, DeleteItem, UpdateItem, BatchWriteItem, a table or index it never
 * touches) fails, and so does a call it makes without a grant. SAM's DynamoDB and Step Functions policy templates
 * are refused: they grant whole action families (DynamoDBCrudPolicy: Scan, DeleteItem, BatchWriteItem, …).
 */
class LeastPrivilegeTest {
    private static final Template REAL = Template.load();

    static Map<String, Set<String>> declared() throws IOException {
        return new ObjectMapper().convertValue(
                new ObjectMapper().readTree(Template.read(Template.REPO.resolve("contracts/aws-permissions.json")))
                        .path("functions"),
                new TypeReference<TreeMap<String, Set<String>>>() { });
    }

    /**
     * The DynamoDB and Step Functions grants of each function, as {@code "<action> <resource>"} with resources
     * named as the declaration names them; problems for what cannot be read that way.
     */
    static Map<String, Set<String>> granted(Template t, List<String> problems) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (String fn : Contract.HANDLERS.keySet()) {
            Set<String> mine = new TreeSet<>();
            grants.put(fn, mine);
            if (!t.resources().containsKey(fn)) {
                problems.add(fn + ": not in the template");
                continue;
            }
            for (Object policy : list(t.properties(fn).get("Policies"))) {
                if (policy instanceof String managed) {
                    if (coversDataPlane(managed)) {
                        problems.add(fn + ": managed policy " + managed + " cannot be held to the declaration");
                    }
                    continue;
                }
                Map<String, Object> entry = map(policy);
                if (!entry.containsKey("Statement")) {
                    entry.keySet().stream().filter(LeastPrivilegeTest::coversDataPlane).forEach(name -> problems.add(
                            fn + ": SAM policy template " + name + " grants more than the calls; write the statement"));
                    continue;
                }
                for (Object s : list(entry.get("Statement"))) {
                    Map<String, Object> statement = map(s);
                    if (!"Allow".equals(statement.get("Effect"))) {
                        continue;
                    }
                    for (Object a : list(statement.get("Action"))) {
                        String action = String.valueOf(a);
                        if (!action.startsWith("dynamodb:") && !action.startsWith("states:")) {
                            continue;
                        }
                        for (Object r : list(statement.get("Resource"))) {
                            mine.add(action + " " + resourceName(r));
                        }
                    }
                }
            }
        }
        Object globalPolicies = map(map(t.root.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()))
                .get("Policies");
        if (globalPolicies != null) {
            problems.add("Globals.Function.Policies would grant every function the same");
        }
        return grants;
    }

    private static boolean coversDataPlane(String policyName) {
        return policyName.contains("DynamoDB") || policyName.contains("StepFunctions");
    }

    /** {@code !GetAtt T.Arn} → T, {@code !Sub ${T.Arn}/index/I} → T/index/I, {@code !Ref M} → M. */
    static String resourceName(Object resource) {
        Map<String, Object> intrinsic = resource instanceof Map ? map(resource) : Map.of();
        if (intrinsic.get("Fn::GetAtt") instanceof List<?> att && att.size() == 2 && "Arn".equals(att.get(1))) {
            return String.valueOf(att.get(0));
        }
        if (intrinsic.get("Fn::Sub") instanceof String sub && sub.matches("\\$\\{[A-Za-z0-9]+\\.Arn}/index/[A-Za-z0-9_.-]+")) {
            return sub.substring(2, sub.indexOf('.')) + sub.substring(sub.indexOf('}') + 1);
        }
        if (intrinsic.get("Ref") instanceof String ref) {
            return ref;
        }
        return "unrecognised resource " + resource;
    }

    static List<String> compare(Template t, Map<String, Set<String>> declared) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> granted = granted(t, problems);
        if (!declared.keySet().equals(granted.keySet())) {
            problems.add("functions declared " + declared.keySet() + " but in the contract " + granted.keySet());
        }
        granted.forEach((fn, grants) -> {
            Set<String> needed = declared.getOrDefault(fn, Set.of());
            Set<String> tooMuch = new TreeSet<>(grants);
            tooMuch.removeAll(needed);
            Set<String> tooLittle = new TreeSet<>(needed);
            tooLittle.removeAll(grants);
            if (!tooMuch.isEmpty()) {
                problems.add(fn + " is granted calls its code never makes: " + tooMuch);
            }
            if (!tooLittle.isEmpty()) {
                problems.add(fn + " makes calls it is not granted: " + tooLittle);
            }
        });
        return problems;
    }

    @Test
    void every_function_is_granted_exactly_the_calls_it_makes() throws IOException {
        assertThat(compare(REAL, declared())).isEmpty();
    }

    @Test
    void the_declaration_covers_the_data_plane_of_the_template() throws IOException {
        Map<String, Set<String>> declared = declared();

        assertThat(declared.keySet()).isEqualTo(Contract.HANDLERS.keySet());
        assertThat(declared.get("OrdersListFunction")).containsExactly("dynamodb:Query OrdersTable/index/byUser");
        assertThat(declared.values().stream().flatMap(Set::stream))
                .noneMatch(call -> call.matches("dynamodb:(Scan|DeleteItem|UpdateItem|BatchWriteItem)\\b.*"));
    }

    @Test
    void a_grant_the_code_does_not_need_fails() throws IOException {
        Template scan = Template.mutated("""
                        # Least privilege (contracts/aws-permissions.json): one GetItem.
                        - Statement:
                            - Effect: Allow
                              Action: dynamodb:GetItem
                              Resource: !GetAtt ProfilesTable.Arn
                """, """
                        - Statement:
                            - Effect: Allow
                              Action: [dynamodb:GetItem, dynamodb:Scan]
                              Resource: !GetAtt ProfilesTable.Arn
                """);

        assertThat(compare(scan, declared())).containsExactly(
                "ProfilesGetFunction is granted calls its code never makes: [dynamodb:Scan ProfilesTable]");
    }

    @Test
    void another_tables_grant_fails_too() throws IOException {
        Template elsewhere = Template.mutated("""
                              Action: dynamodb:GetItem
                              Resource: !GetAtt ProfilesTable.Arn
                """, """
                              Action: dynamodb:GetItem
                              Resource: [!GetAtt ProfilesTable.Arn, !GetAtt OrdersTable.Arn]
                """);

        assertThat(compare(elsewhere, declared())).containsExactly(
                "ProfilesGetFunction is granted calls its code never makes: [dynamodb:GetItem OrdersTable]");
    }

    @Test
    void a_call_without_its_grant_fails() throws IOException {
        Template noStart = Template.mutated("""
                            - Effect: Allow
                              Action: states:StartExecution
                              Resource: !Ref PlaceOrderStateMachine
                """, "");

        assertThat(compare(noStart, declared())).containsExactly(
                "OrdersCreateFunction makes calls it is not granted: [states:StartExecution PlaceOrderStateMachine]");
    }

    @Test
    void sams_crud_policy_template_is_refused() throws IOException {
        Template crud = Template.mutated("""
                        - Statement:
                            - Effect: Allow
                              Action: dynamodb:Query
                              Resource: !Sub ${OrdersTable.Arn}/index/byUser
                """, """
                        - DynamoDBCrudPolicy:
                            TableName: !Ref OrdersTable
                """);

        assertThat(compare(crud, declared())).containsExactly(
                "OrdersListFunction: SAM policy template DynamoDBCrudPolicy grants more than the calls; write the statement",
                "OrdersListFunction makes calls it is not granted: [dynamodb:Query OrdersTable/index/byUser]");
    }

    @Test
    void resources_are_named_as_the_declaration_names_them() {
        assertThat(resourceName(Map.of("Fn::GetAtt", List.of("OrdersTable", "Arn")))).isEqualTo("OrdersTable");
        assertThat(resourceName(Map.of("Fn::Sub", "${OrdersTable.Arn}/index/byUser")))
                .isEqualTo("OrdersTable/index/byUser");
        assertThat(resourceName(Map.of("Ref", "PlaceOrderStateMachine"))).isEqualTo("PlaceOrderStateMachine");
        assertThat(resourceName("*")).startsWith("unrecognised");
        assertThat(resourceName(Map.of("Fn::Sub", "${OrdersTable.Arn}/index/*"))).startsWith("unrecognised");
    }
}
