package dev.ordersprofiles.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/index.html cannot drift from contracts/openapi.yaml: the page has one
 * {@code <section data-operation="METHOD /path">} per operation, and each lists exactly the status codes
 * the contract documents for it as {@code <td class="status">}.
 */
class DocsMatchOpenApiTest {
    private static final Pattern SECTION = Pattern.compile(
            "<section[^>]*\\bdata-operation=\"([^\"]+)\"[^>]*>(.*?)</section>", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("<td class=\"status\">\\s*([0-9]{3}|default)\\s*</td>");

    static Map<String, Set<String>> documented(String html) {
        Map<String, Set<String>> operations = new TreeMap<>();
        Matcher section = SECTION.matcher(html);
        while (section.find()) {
            Set<String> statuses = new TreeSet<>();
            Matcher status = STATUS.matcher(section.group(2));
            while (status.find()) {
                statuses.add(status.group(1));
            }
            operations.put(section.group(1), statuses);
        }
        return operations;
    }

    static List<String> drift(Map<String, Set<String>> contract, Map<String, Set<String>> docs) {
        List<String> problems = new ArrayList<>();
        contract.forEach((op, statuses) -> {
            if (!docs.containsKey(op)) {
                problems.add(op + " is not documented");
                return;
            }
            for (String s : statuses) {
                if (!docs.get(op).contains(s)) {
                    problems.add(op + ": status " + s + " is not documented");
                }
            }
            for (String s : docs.get(op)) {
                if (!statuses.contains(s)) {
                    problems.add(op + ": status " + s + " is documented but not in openapi.yaml");
                }
            }
        });
        docs.keySet().stream().filter(op -> !contract.containsKey(op))
                .forEach(op -> problems.add(op + " is documented but not in openapi.yaml"));
        return problems;
    }

    private final String html = Template.read(Template.SAM_DIR.resolve("docs/index.html"));
    private final String openApi = Template.read(OpenApi.FILE);

    @Test
    void every_operation_and_status_of_the_contract_is_documented_and_nothing_else() {
        assertThat(OpenApi.operations(openApi)).isNotEmpty();
        assertThat(drift(OpenApi.operations(openApi), documented(html))).isEmpty();
    }

    @Test
    void a_status_added_to_the_contract_but_not_to_the_docs_is_reported() {
        String contract = openApi.replaceFirst("(?m)^(  /orders/\\{id}:\\n    get:\\n(?:.*\\n)*?      responses:\\n)",
                "$1        '409':\n          \\$ref: '#/components/responses/Conflict'\n");
        assertThat(contract).isNotEqualTo(openApi);
        assertThat(drift(OpenApi.operations(contract), documented(html)))
                .containsExactly("GET /orders/{id}: status 409 is not documented");
    }

    @Test
    void an_operation_missing_from_the_docs_is_reported() {
        String page = html.replace("data-operation=\"GET /profiles/{id}\"", "data-operation=\"GET /profile/{id}\"");
        assertThat(drift(OpenApi.operations(openApi), documented(page)))
                .containsExactlyInAnyOrder("GET /profiles/{id} is not documented",
                        "GET /profile/{id} is documented but not in openapi.yaml");
    }

    @Test
    void a_documented_status_the_contract_does_not_have_is_reported() {
        String page = html.replace("</td></tr>\n</table>\n</section>\n</body>",
                "</td></tr>\n<tr><td class=\"status\">418</td><td>Teapot.</td></tr>\n</table>\n</section>\n</body>");
        assertThat(page).isNotEqualTo(html);
        assertThat(drift(OpenApi.operations(openApi), documented(page)))
                .containsExactly("GET /orders/{id}: status 418 is documented but not in openapi.yaml");
    }
}
