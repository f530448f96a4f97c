package io.sequent.authflow.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** S3 client IP conditions: IPv4 and IPv6 CIDR matching, literals only. */
class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.1, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.16.0/20, 192.168.31.255, true",
            "192.168.16.0/20, 192.168.32.0, false",
            "192.168.16.0/20, 192.168.15.255, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "203.0.113.7, 203.0.113.7, true",
            "203.0.113.7/32, 203.0.113.8, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8:abcd:0012::/60, 2001:db8:abcd:1f::1, true",
            "2001:db8:abcd:0012::/60, 2001:db8:abcd:20::1, false",
            "::/0, ::1, true",
            "::/0, 127.0.0.1, false",
            "10.0.0.0/8, ::ffff:10.1.1.1, true",
            "10.0.0.0/8, [::1], false",
            "10.0.0.0/8, 999.0.0.1, false",
            "10.0.0.0/8, 10.0.0, false",
            "10.0.0.0/8, host.example, false",
    })
    void matches(String cidr, String address, boolean expected) {
        assertThat(Cidr.parse(cidr).contains(address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rejects {0}")
    @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/x", "256.0.0.0/8", "example.com/8", "", "10.0.0.0/-1"})
    void rejectsMalformed(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void valueSemantics() {
        assertThat(Cidr.parse("10.0.0.0/8")).isEqualTo(Cidr.parse(" 10.0.0.0/8 "));
        assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/9"));
        assertThat(Cidr.parse("10.0.0.0/8").hashCode()).isEqualTo(Cidr.parse("10.0.0.0/8").hashCode());
    }
}
