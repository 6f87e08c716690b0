package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {

    private static final JsonNode DOC = json("""
            {"a": {"b": [10, 20, 30], "c d": "space", "n": null},
             "items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}]}""");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$                    | " + "{\"a\":{\"b\":[10,20,30],\"c d\":\"space\",\"n\":null},\"items\":[{\"sku\":\"A\",\"qty\":1},{\"sku\":\"B\",\"qty\":2}]}",
        "$.a.b[1]             | 20",
        "$.a.b[-1]            | 30",
        "$['a']['c d']        | \"space\"",
        "$.a.n                | null",
        "$.items[*].sku       | [\"A\",\"B\"]",
        "$.items[0:1].qty     | [1]",
        "$.a.b[0,2]           | [10,30]",
        "$..sku               | [\"A\",\"B\"]",
        "$.items.*.qty        | [1,2]"})
    void reads_definite_and_indefinite_paths(String path, String expected) {
        assertThat(JsonPath.parse(path.trim()).read(DOC)).isEqualTo(json(expected));
    }

    private static final JsonNode BOOKS = json("""
            {"min": 9, "store": {"book": [
              {"title": "Sayings", "price": 8.95, "tags": ["ref"], "isbn": "0-1"},
              {"title": "Sword", "price": 12.99, "tags": []},
              {"title": "Moby Dick", "price": 8.99, "isbn": "0-5", "tags": ["novel", "sea"]},
              {"title": "Rings", "price": 22.99, "tags": ["novel"]}]}}""");

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "$.store.book[?(@.price > 10)].title => [\"Sword\",\"Rings\"]",
        "$.store.book[?(@.price <= 8.99)].title => [\"Sayings\",\"Moby Dick\"]",
        "$.store.book[?(@.isbn)].title => [\"Sayings\",\"Moby Dick\"]",
        "$.store.book[?(!@.isbn)].title => [\"Sword\",\"Rings\"]",
        "$.store.book[?(@.title == 'Sword')].price => [12.99]",
        "$.store.book[?(@.title != \"Sword\" && @.price > 20)].title => [\"Rings\"]",
        "$.store.book[?(@.price < 9 || @.title == 'Rings')].title => [\"Sayings\",\"Moby Dick\",\"Rings\"]",
        "$.store.book[?(@.price > $.min)].title => [\"Sword\",\"Rings\"]",
        "$.store.book[?(@.title =~ /.*ING.*/i)].title => [\"Sayings\",\"Rings\"]",
        "$.store.book[?(@.title in ['Rings', 'Sword'])].price => [12.99,22.99]",
        "$.store.book[?(@.title nin ['Rings', 'Sword'])].price => [8.95,8.99]",
        "$.store.book[?(@.tags anyof ['sea'])].title => [\"Moby Dick\"]",
        "$.store.book[?(@.tags subsetof ['novel', 'sea'])].title => [\"Sword\",\"Moby Dick\",\"Rings\"]",
        "$.store.book[?(@.tags size 2)].title => [\"Moby Dick\"]",
        "$.store.book[?(@.tags empty true)].title => [\"Sword\"]",
        "$.store.book[?(@.tags[0] == 'novel')].title => [\"Moby Dick\",\"Rings\"]",
        "$.store.book[?(@.price == '8.95')].title => []",
        "$.store.book[?(@.missing > 1)].title => []",
        "$.store.book[?((@.price < 9) && !(@.isbn == '0-5'))].title => [\"Sayings\"]"})
    void filters_select_the_matching_elements(String path, String expected) {
        assertThat(JsonPath.parse(path.trim()).read(BOOKS)).isEqualTo(json(expected));
    }

    @Test
    void a_missing_definite_path_reads_as_null_and_an_indefinite_one_as_empty() {
        assertThat(JsonPath.parse("$.a.missing").read(DOC)).isNull();
        assertThat(JsonPath.parse("$.missing[*]").read(DOC)).isEqualTo(json("[]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "$.a[(@.length-1)]", "$.a[?@.x]", "$.a[?(@.x ==)]", "$.a[?(@.x > 1 &&)]", "$.a[", "$..", "$.a b", "$.a.", "$[x]"})
    void rejects_malformed_or_unsupported_paths(String path) {
        assertThatThrownBy(() -> JsonPath.parse(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path);
    }

    @Test
    void writes_a_reference_path_creating_missing_objects_and_keeping_the_original() {
        JsonNode input = json("{\"x\":1}");
        assertThat(JsonPath.parse("$.result.deep.value").write(input, json("7")))
                .isEqualTo(json("{\"x\":1,\"result\":{\"deep\":{\"value\":7}}}"));
        assertThat(input).isEqualTo(json("{\"x\":1}"));
    }

    @Test
    void writing_through_a_scalar_is_rejected() {
        assertThatThrownBy(() -> JsonPath.parse("$.x.y").write(json("{\"x\":1}"), json("2")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reference_paths_exclude_wildcards() {
        assertThat(JsonPath.parse("$.a[0].b").isReference()).isTrue();
        assertThat(JsonPath.parse("$.a[*]").isReference()).isFalse();
    }
}
