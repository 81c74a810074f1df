package io.github.ecrmavenplugin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses and CIDR ranges as IAM's IpAddress operator reads them, and when ranges hold a whole family. */
class IpRangeTest {

    @ParameterizedTest(name = "{0} -> {1} {2}/{3}")
    @CsvSource(delimiter = '|', textBlock = """
        203.0.113.0/24          | v4 | cb007100                         | 24
        203.0.113.7             | v4 | cb007107                         | 32
        203.0.113.7/24          | v4 | cb007100                         | 24
        0.0.0.0/0               | v4 | 0                                | 0
        255.255.255.255/32      | v4 | ffffffff                         | 32
        10.0.0.0/8              | v4 | a000000                          | 8
        2001:db8::/32           | v6 | 20010db8000000000000000000000000 | 32
        2001:DB8:0:0:0:0:0:1    | v6 | 20010db8000000000000000000000000 | 32
        2001:db8::1/128         | v6 | 20010db8000000000000000000000001 | 128
        ::/0                    | v6 | 0                                | 0
        ::1                     | v6 | 0                                | 32
        1::                     | v6 | 10000000000000000000000000000    | 32
        1:2:3:4:5:6:7:8/64      | v6 | 10002000300040000000000000000    | 64
        64:ff9b::192.0.2.33/120 | v6 | 64ff9b0000000000000000c0000200   | 120
        ::ffff:203.0.113.0/120  | v4 | cb007100                         | 24
        ::ffff:0.0.0.0/96       | v4 | 0                                | 0
        """)
    void readsAddressesAndRanges(String text, String family, String first, int prefix) {
        IpRange range = IpRange.parse(text).orElseThrow();
        assertEquals(family.equals("v6"), range.ipv6(), text);
        assertEquals(new BigInteger(first, 16), range.first(), text);
        assertEquals(prefix, range.prefix(), text);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(
            strings = {
                "0.0.0.0/00",
                "0.0.0.0/0 ",
                " 0.0.0.0/0",
                "0.0.0.0/",
                "0.0.0.0/33",
                "0.0.0.0/-1",
                "0.0.0.0/08",
                "256.0.0.0/8",
                "010.0.0.0/8",
                "10.0.0/8",
                "10.0.0.0.0",
                "ten.0.0.0/8",
                "",
                "*",
                "::/129",
                ":::/0",
                "1::2::3",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8::",
                "12345::",
                "g::",
                ":1::",
                "1::2:",
                "1.2.3.4::",
                "::1.2.3",
                "2001:db8::/32/1"
            })
    void refusesWhatIsNoAddressOrRange(String text) {
        assertEquals(Optional.empty(), IpRange.parse(text), text);
    }

    @ParameterizedTest(name = "{0} narrow: {1}")
    @CsvSource({
        "10.0.0.0/8, true",
        "10.0.0.0/7, false",
        "16.0.0.0/4, false",
        "0.0.0.0/1, false",
        "2001:db8::/32, true",
        "2001:db8::/31, false",
        "::/1, false",
        "2000::/3, false",
        "::ffff:10.0.0.0/104, true",
        "::ffff:10.0.0.0/103, false"
    })
    void narrowMeansNoBroaderThanSlash8OrSlash32(String text, boolean narrow) {
        assertEquals(narrow, IpRange.parse(text).orElseThrow().isNarrow());
    }

    @Test
    void twoHalvesHoldEveryIpv4Address() {
        assertEquals(Optional.of("IPv4"), covered("0.0.0.0/1", "128.0.0.0/1"));
        assertEquals(Optional.of("IPv6"), covered("::/1", "8000::/1"));
        assertEquals(Optional.empty(), covered("0.0.0.0/1", "128.0.0.0/2"));
        assertEquals(Optional.empty(), covered("0.0.0.0/1", "2001:db8::/32"));
    }

    @Test
    void twoHundredFiftySixSlash8sHoldEveryIpv4AddressAndOneFewerDoesNot() {
        List<String> all = new ArrayList<>();
        for (int i = 255; i >= 0; i--) {
            all.add(i + ".0.0.0/8");
        }
        assertEquals(Optional.of("IPv4"), covered(all.toArray(String[]::new)));
        all.remove("77.0.0.0/8");
        assertEquals(Optional.empty(), covered(all.toArray(String[]::new)));
        all.add("77.0.0.0/9");
        all.add("77.128.0.0/9");
        assertEquals(Optional.of("IPv4"), covered(all.toArray(String[]::new)), "overlaps and order do not matter");
    }

    @ParameterizedTest(name = "{0} holds all of IPv4: {1}")
    @CsvSource({
        "::ffff:0:0/96, false", // read as IPv4 0.0.0.0/0: isNarrow says it
        "::ffff:0:0/95, true",
        "::/80, true",
        "::/32, true",
        "::/0, true",
        "::1, true",
        "::/96, false",
        "::ffff:0:0/97, false",
        "2001:db8::/32, false",
        "0.0.0.0/0, false"
    })
    void anIpv6RangeHoldingTheIpv4MappedBlockHoldsEveryIpv4Address(String text, boolean all) {
        assertEquals(all, IpRange.parse(text).orElseThrow().holdsEveryIpv4Address(), text);
    }

    @Test
    void anIpv6RangeHoldingTheIpv4MappedBlockCoversIpv4() {
        assertEquals(Optional.of("IPv4"), covered("::/80"));
        assertEquals(Optional.of("IPv4"), covered("::ffff:0.0.0.0/97", "::ffff:128.0.0.0/97"));
        assertEquals(Optional.empty(), covered("::ffff:0.0.0.0/97"));
    }

    @Test
    void lastAddressOfARange() {
        IpRange range = IpRange.parse("203.0.113.0/24").orElseThrow();
        assertEquals(new BigInteger("cb0071ff", 16), range.last());
        assertTrue(IpRange.parse("::/0").orElseThrow().last().bitLength() == 128);
    }

    private static Optional<String> covered(String... ranges) {
        return IpRange.coveredFamily(List.of(ranges).stream()
                .map(r -> IpRange.parse(r).orElseThrow())
                .toList());
    }
}
