package io.sequent.authflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonContentTypeFilterTest {

    @Test
    void rewritesOnlyJsonWithParameters() {
        assertThat(JsonContentTypeFilter.isJsonWithParameters("application/json;charset=UTF-8")).isTrue();
        assertThat(JsonContentTypeFilter.isJsonWithParameters("application/json; charset=UTF-8")).isTrue();
        assertThat(JsonContentTypeFilter.isJsonWithParameters("Application/JSON;charset=utf-8")).isTrue();
        assertThat(JsonContentTypeFilter.isJsonWithParameters("application/json")).isFalse();
        assertThat(JsonContentTypeFilter.isJsonWithParameters("application/jsonl")).isFalse();
        assertThat(JsonContentTypeFilter.isJsonWithParameters("application/problem+json;charset=UTF-8")).isFalse();
        assertThat(JsonContentTypeFilter.isJsonWithParameters("text/html;charset=UTF-8")).isFalse();
        assertThat(JsonContentTypeFilter.isJsonWithParameters(null)).isFalse();
    }
}
