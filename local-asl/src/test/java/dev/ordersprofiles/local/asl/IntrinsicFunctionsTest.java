package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples from the AWS "Intrinsic functions" page, run through a Pass state's Parameters. */
class IntrinsicFunctionsTest {

    private static final String INPUT = """
            {"name": "Arnav", "someString": "{\\"number\\": 20}", "someJson": {"name": "Foo", "year": 2020},
             "inputArray": [1,2,3,4,5,6,7,8,9], "dup": [1,2,3,3,3,3,3,3,4], "a": {"x": 1}, "b": {"y": 2},
             "csv": "1,2,3,4,5", "text": "Data to encode", "b64": "RGF0YSB0byBlbmNvZGU=", "hashMe": "input data",
             "n": 111, "obj": {"a": 1, "b": [], "c": {"d": "x", "e": [true, null]}}, "empty": "", "blank": "  \\n "}""";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "States.Format('Hello, my name is {}.', $.name)       | \"Hello, my name is Arnav.\"",
        "States.Format('{} is {} years', $.someJson.name, $.someJson.year) | \"Foo is 2020 years\"",
        "States.Format('literal \\{\\} and {}', $.name)   | \"literal {} and Arnav\"",
        "States.StringToJson($.someString)                    | {\"number\":20}",
        "States.JsonToString($.someJson)                      | \"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\"",
        "States.Array('Foo', 2020, $.someJson, null)          | [\"Foo\",2020,{\"name\":\"Foo\",\"year\":2020},null]",
        "States.ArrayPartition($.inputArray, 4)               | [[1,2,3,4],[5,6,7,8],[9]]",
        "States.ArrayContains($.inputArray, 5)                | true",
        "States.ArrayRange(1, 9, 2)                           | [1,3,5,7,9]",
        "States.ArrayGetItem($.inputArray, 5)                 | 6",
        "States.ArrayLength($.inputArray)                     | 9",
        "States.ArrayUnique($.dup)                            | [1,2,3,4]",
        "States.Base64Encode($.text)                          | \"RGF0YSB0byBlbmNvZGU=\"",
        "States.Base64Decode($.b64)                           | \"Data to encode\"",
        "States.Hash($.hashMe, 'SHA-1')                       | \"aaff4a450a104cd177d28d18d74485e8cae074b7\"",
        "States.JsonMerge($.a, $.b, false)                    | {\"x\":1,\"y\":2}",
        "States.MathAdd($.n, -1)                              | 110",
        "States.StringSplit($.csv, ',')                       | [\"1\",\"2\",\"3\",\"4\",\"5\"]",
        "States.ArrayLength(States.Array($.name, 'x'))        | 2",
        "States.Format('{}', $$.Execution.Name)               | \"exec\""})
    void evaluates_the_documented_examples(String call, String expected) {
        Harness h = new Harness();
        String definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Parameters\":{\"v.$\":"
                + Harness.jsonString(call.trim()) + "},\"End\":true}}}";
        Execution e = h.run(definition, INPUT);
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output().get("v")).isEqualTo(json(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // AWS rounds each argument to the nearest integer, halves towards positive infinity.
        "States.MathAdd(1.5, 1)                               | 3",
        "States.MathAdd(-1.5, 0)                              | -1",
        "States.MathAdd(2.4, 2.6)                             | 5",
        "States.MathAdd(-2.6, 0.49)                           | -3",
        // Objects and arrays are rendered as AWS renders them, in Java's collection style.
        "States.Format('v={}', $.obj)                         | \"v={a=1, b=[], c={d=x, e=[true, null]}}\"",
        "States.Format('{}', $.inputArray)                    | \"[1, 2, 3, 4, 5, 6, 7, 8, 9]\"",
        // An empty or blank string parses to null.
        "States.StringToJson($.empty)                         | null",
        "States.StringToJson($.blank)                         | null"})
    void edge_cases_behave_as_on_aws(String call, String expected) {
        evaluates_the_documented_examples(call, expected);
    }

    @Test
    void uuid_is_a_version_4_uuid() {
        Execution e = new Harness().run(q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'id.$':'States.UUID()'},'End':true}}}"""), "{}");
        assertThat(e.output().get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void a_bad_argument_fails_with_States_IntrinsicFailure() {
        Execution e = new Harness().run(q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'v.$':'States.ArrayLength($.s)'},'End':true}}}"""),
                "{\"s\":\"not an array\"}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.IntrinsicFailure");
    }

    @Test
    void unknown_functions_and_wrong_arity_fail_the_load() {
        assertThatThrownBy(() -> StateMachine.load(Harness.SM_ARN, q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'v.$':'States.Nope(1)'},'End':true}}}""")))
                .isInstanceOf(AslDefinitionException.class)
                .hasMessageContaining("State \"P\"").hasMessageContaining("Parameters.v").hasMessageContaining("States.Nope");
        assertThatThrownBy(() -> StateMachine.load(Harness.SM_ARN, q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'v.$':'States.MathAdd(1)'},'End':true}}}""")))
                .isInstanceOf(AslDefinitionException.class).hasMessageContaining("takes 2 arguments");
    }
}
