package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceStateTest {

    /** Runs a Choice with one rule on $.v (operand may reference $.other) and returns the state it went to. */
    private static String branch(String operator, String operand, String value) {
        String definition = "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.v\",\""
                + operator + "\":" + operand + ",\"Next\":\"Yes\"}],\"Default\":\"No\"},"
                + "\"Yes\":{\"Type\":\"Succeed\"},\"No\":{\"Type\":\"Succeed\"}}}";
        String input = value == null ? "{\"other\":5}" : "{\"v\":" + value + ",\"other\":5,\"otherText\":\"b\","
                + "\"otherTime\":\"2026-01-01T00:00:00Z\",\"otherBool\":true}";
        Execution e = new Harness().run(definition, input);
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return Harness.events(e, "SucceedStateEntered").get(0).stateName();
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "StringEquals              | \"a\"                    | \"a\"    | Yes",
        "StringEquals              | \"a\"                    | \"b\"    | No",
        "StringEquals              | \"1\"                    | 1        | No",
        "StringLessThan            | \"b\"                    | \"a\"    | Yes",
        "StringGreaterThan         | \"b\"                    | \"a\"    | No",
        "StringLessThanEquals      | \"a\"                    | \"a\"    | Yes",
        "StringGreaterThanEquals   | \"a\"                    | \"b\"    | Yes",
        "StringMatches             | \"log-*.txt\"            | \"log-2026.txt\" | Yes",
        "StringMatches             | \"log-\\\\*\"             | \"log-*\"  | Yes",
        "StringMatches             | \"log-\\\\*\"             | \"log-x\"  | No",
        "NumericEquals             | 5                        | 5.0      | Yes",
        "NumericEquals             | 5                        | \"5\"    | No",
        "NumericLessThan           | 5                        | 4.5      | Yes",
        "NumericGreaterThan        | 5                        | 5        | No",
        "NumericLessThanEquals     | 5                        | 5        | Yes",
        "NumericGreaterThanEquals  | 5                        | 6        | Yes",
        "BooleanEquals             | true                     | true     | Yes",
        "BooleanEquals             | true                     | \"true\" | No",
        "TimestampEquals           | \"2026-01-01T00:00:00Z\" | \"2026-01-01T01:00:00+01:00\" | Yes",
        "TimestampLessThan         | \"2026-01-01T00:00:00Z\" | \"2025-12-31T23:59:59Z\" | Yes",
        "TimestampGreaterThan      | \"2026-01-01T00:00:00Z\" | \"2025-12-31T23:59:59Z\" | No",
        "TimestampLessThanEquals   | \"2026-01-01T00:00:00Z\" | \"2026-01-01T00:00:00Z\" | Yes",
        "TimestampGreaterThanEquals| \"2026-01-01T00:00:00Z\" | \"not a time\" | No",
        "StringEqualsPath          | \"$.otherText\"          | \"b\"    | Yes",
        "StringLessThanPath        | \"$.otherText\"          | \"a\"    | Yes",
        "StringGreaterThanPath     | \"$.otherText\"          | \"a\"    | No",
        "StringLessThanEqualsPath  | \"$.otherText\"          | \"b\"    | Yes",
        "StringGreaterThanEqualsPath | \"$.otherText\"        | \"c\"    | Yes",
        "NumericEqualsPath         | \"$.other\"              | 5        | Yes",
        "NumericLessThanPath       | \"$.other\"              | 4        | Yes",
        "NumericGreaterThanPath    | \"$.other\"              | 4        | No",
        "NumericLessThanEqualsPath | \"$.other\"              | 5        | Yes",
        "NumericGreaterThanEqualsPath | \"$.other\"           | 6        | Yes",
        "BooleanEqualsPath         | \"$.otherBool\"          | true     | Yes",
        "TimestampEqualsPath       | \"$.otherTime\"          | \"2026-01-01T00:00:00Z\" | Yes",
        "TimestampLessThanPath     | \"$.otherTime\"          | \"2025-01-01T00:00:00Z\" | Yes",
        "TimestampGreaterThanPath  | \"$.otherTime\"          | \"2025-01-01T00:00:00Z\" | No",
        "TimestampLessThanEqualsPath | \"$.otherTime\"        | \"2026-01-01T00:00:00Z\" | Yes",
        "TimestampGreaterThanEqualsPath | \"$.otherTime\"     | \"2027-01-01T00:00:00Z\" | Yes",
        "IsNull                    | true                     | null     | Yes",
        "IsNull                    | false                    | null     | No",
        "IsNumeric                 | true                     | 1.5      | Yes",
        "IsString                  | true                     | 1.5      | No",
        "IsBoolean                 | true                     | false    | Yes",
        "IsTimestamp               | true                     | \"2026-01-01T00:00:00Z\" | Yes",
        "IsTimestamp               | true                     | \"2026-01-01\" | No",
        "IsPresent                 | true                     | 0        | Yes"})
    void comparison_operators(String operator, String operand, String value, String expected) {
        assertThat(branch(operator.trim(), operand.trim(), value.trim())).isEqualTo(expected.trim());
    }

    @Test
    void is_present_false_matches_a_missing_variable() {
        assertThat(branch("IsPresent", "false", null)).isEqualTo("Yes");
    }

    @Test
    void a_missing_variable_without_is_present_fails_with_States_Runtime() {
        Execution e = new Harness().run(q("""
                {'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[
                  {'Variable':'$.nope','StringEquals':'x','Next':'D'}],'Default':'D'},'D':{'Type':'Succeed'}}}"""), "{}");
        assertThat(e.error()).isEqualTo("States.Runtime");
        assertThat(e.cause()).contains("'C'").contains("$.nope");
    }

    /** The specification's Choice example with Not, And and a Default. */
    @Test
    void spec_example_with_not_and_and_default() {
        String definition = q("""
                {'StartAt':'ChoiceStateX','States':{
                  'ChoiceStateX':{'Type':'Choice','Choices':[
                     {'Not':{'Variable':'$.type','StringEquals':'Private'},'Next':'Public'},
                     {'And':[{'Variable':'$.value','IsPresent':true},{'Variable':'$.value','IsNumeric':true},
                             {'Variable':'$.value','NumericGreaterThanEquals':20},{'Variable':'$.value','NumericLessThan':30}],
                      'Next':'ValueInTwenties'},
                     {'Or':[{'Variable':'$.value','NumericEquals':1},{'Variable':'$.value','NumericEquals':2}],
                      'Next':'OneOrTwo'}],
                   'Default':'DefaultState'},
                  'Public':{'Type':'Succeed'},'ValueInTwenties':{'Type':'Succeed'},'OneOrTwo':{'Type':'Succeed'},
                  'DefaultState':{'Type':'Fail','Error':'DefaultStateError','Cause':'No Matches!'}}}""");
        assertThat(end(definition, "{\"type\":\"Public\"}")).isEqualTo("Public");
        assertThat(end(definition, "{\"type\":\"Private\",\"value\":25}")).isEqualTo("ValueInTwenties");
        assertThat(end(definition, "{\"type\":\"Private\",\"value\":2}")).isEqualTo("OneOrTwo");
        Execution failed = new Harness().run(definition, "{\"type\":\"Private\",\"value\":35}");
        assertThat(failed.error()).isEqualTo("DefaultStateError");
        assertThat(failed.cause()).isEqualTo("No Matches!");
    }

    @Test
    void no_match_and_no_default_fails_with_States_NoChoiceMatched() {
        Execution e = new Harness().run(q("""
                {'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[
                  {'Variable':'$.v','NumericEquals':1,'Next':'D'}]},'D':{'Type':'Succeed'}}}"""), "{\"v\":2}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void choice_output_is_its_input_through_input_path_and_output_path() {
        Execution e = new Harness().run(q("""
                {'StartAt':'C','States':{'C':{'Type':'Choice','InputPath':'$.a','OutputPath':'$.b','Choices':[
                  {'Variable':'$.b.c','NumericEquals':1,'Next':'D'}]},'D':{'Type':'Succeed'}}}"""),
                "{\"a\":{\"b\":{\"c\":1}},\"z\":0}");
        assertThat(e.output()).isEqualTo(json("{\"c\":1}"));
    }

    private static String end(String definition, String input) {
        Execution e = new Harness().run(definition, input);
        return Harness.events(e, "SucceedStateEntered").get(0).stateName();
    }
}
