package io.github.ecrmavenplugin.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of IP addresses as IAM's {@code IpAddress} condition operator takes it: an IPv4 or IPv6 address with an
 * optional prefix length (CIDR notation, RFC 4632). Without a prefix, the prefix is /32 for both families: "If you
 * specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32" (IAM User
 * Guide, "IAM JSON policy elements: Condition operators", IP address condition operators), so a bare IPv6 address
 * stands for its whole /32. A range inside the IPv4-mapped block {@code ::ffff:0:0/96}
 * ({@code ::ffff:203.0.113.0/120}) is the IPv4 range it maps; an IPv6 range that holds that whole block
 * ({@code ::ffff:0:0/95}, {@code ::/80}) holds every IPv4 address ({@link #holdsEveryIpv4Address}).
 *
 * @param ipv6   whether the range is of IPv6 addresses
 * @param first  the range's first address, as a number
 * @param prefix the prefix length: 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record IpRange(boolean ipv6, BigInteger first, int prefix) {

    /** Dotted decimal, each part 0 to 255 without leading zeros (which some parsers read as octal). */
    private static final Pattern IPV4 =
            Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");

    private static final Pattern PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final BigInteger MAPPED_IPV4 = BigInteger.valueOf(0xffffL).shiftLeft(32);

    /** The prefix IAM gives an address written without one, of either family (see the class comment). */
    static final int DEFAULT_PREFIX = 32;

    /** The range that {@code text} writes, or empty when it is not an address or a CIDR range, as written. */
    public static Optional<IpRange> parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Optional<BigInteger> v4 = ipv4(address);
        Optional<BigInteger> v6 = v4.isPresent() ? Optional.empty() : ipv6(address);
        if (v4.isEmpty() && v6.isEmpty()) {
            return Optional.empty();
        }
        int bits = v4.isPresent() ? 32 : 128;
        int prefix = DEFAULT_PREFIX;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!PREFIX.matcher(length).matches() || Integer.parseInt(length) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(length);
        }
        BigInteger number = v4.orElseGet(v6::get);
        // The address may have host bits set (203.0.113.5/24); IAM matches the whole network.
        BigInteger network = number.shiftRight(bits - prefix).shiftLeft(bits - prefix);
        if (bits == 128 && prefix >= 96 && network.shiftRight(32).equals(MAPPED_IPV4.shiftRight(32))) {
            return Optional.of(new IpRange(false, network.subtract(MAPPED_IPV4), prefix - 96));
        }
        return Optional.of(new IpRange(bits == 128, network, prefix));
    }

    /** The number of bits of an address of this range's family. */
    public int bits() {
        return ipv6 ? 128 : 32;
    }

    /** The range's last address, as a number. */
    public BigInteger last() {
        return first.add(BigInteger.ONE.shiftLeft(bits() - prefix)).subtract(BigInteger.ONE);
    }

    /**
     * Whether the range is narrow enough to limit who can call: no broader than /8 for IPv4 or /32 for IPv6, the
     * line S3 Block Public Access draws ({@link PublicAccess}).
     */
    public boolean isNarrow() {
        return prefix >= (ipv6 ? 32 : 8);
    }

    /**
     * Whether this is an IPv6 range that holds the whole IPv4-mapped block {@code ::ffff:0:0/96}, through which an
     * IPv6 range names every IPv4 address.
     */
    public boolean holdsEveryIpv4Address() {
        int hostBits = 128 - prefix;
        return ipv6 && prefix <= 96 && MAPPED_IPV4.shiftRight(hostBits).equals(first.shiftRight(hostBits));
    }

    /**
     * The family whose every address the ranges hold together, {@code IPv4} or {@code IPv6}; empty if none. An IPv6
     * range that {@linkplain #holdsEveryIpv4Address holds the IPv4-mapped block} holds all of IPv4.
     */
    public static Optional<String> coveredFamily(Collection<IpRange> ranges) {
        for (boolean v6 : new boolean[] {true, false}) {
            List<IpRange> family = new ArrayList<>();
            ranges.stream().filter(r -> r.ipv6() == v6).forEach(family::add);
            if (!v6 && ranges.stream().anyMatch(IpRange::holdsEveryIpv4Address)) {
                family.add(new IpRange(false, BigInteger.ZERO, 0));
            }
            family.sort(Comparator.comparing(IpRange::first));
            BigInteger next = BigInteger.ZERO;
            for (IpRange range : family) {
                if (range.first().compareTo(next) > 0) {
                    break;
                }
                next = next.max(range.last().add(BigInteger.ONE));
            }
            if (next.equals(BigInteger.ONE.shiftLeft(v6 ? 128 : 32))) {
                return Optional.of(v6 ? "IPv6" : "IPv4");
            }
        }
        return Optional.empty();
    }

    private static Optional<BigInteger> ipv4(String text) {
        Matcher m = IPV4.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int part = Integer.parseInt(m.group(i));
            if (part > 255) {
                return Optional.empty();
            }
            value = value << 8 | part;
        }
        return Optional.of(BigInteger.valueOf(value));
    }

    /**
     * An IPv6 address in the text forms of RFC 4291 section 2.2: eight groups of one to four hex digits, one run of
     * groups shortened to {@code ::}, the last two groups optionally written as an IPv4 address.
     */
    private static Optional<BigInteger> ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap != text.lastIndexOf("::") || text.contains(":::") || !text.contains(":")) {
            return Optional.empty();
        }
        Optional<List<Integer>> head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        Optional<List<Integer>> tail = gap < 0 ? Optional.of(List.of()) : groups(text.substring(gap + 2), true);
        if (head.isEmpty() || tail.isEmpty()) {
            return Optional.empty();
        }
        int given = head.get().size() + tail.get().size();
        if (gap < 0 ? given != 8 : given > 7) {
            return Optional.empty();
        }
        BigInteger value = BigInteger.ZERO;
        for (int group : head.get()) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        value = value.shiftLeft(16 * (8 - given));
        for (int group : tail.get()) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        return Optional.of(value);
    }

    /**
     * The 16-bit groups of one side of an IPv6 address ({@code ""} has none).
     *
     * @param last whether the side ends the address, where an IPv4 address may stand for the last two groups
     */
    private static Optional<List<Integer>> groups(String side, boolean last) {
        List<Integer> groups = new ArrayList<>();
        if (side.isEmpty()) {
            return Optional.of(groups);
        }
        String[] parts = side.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (last && i == parts.length - 1 && part.contains(".")) {
                Optional<BigInteger> v4 = ipv4(part);
                if (v4.isEmpty()) {
                    return Optional.empty();
                }
                groups.add(v4.get().intValue() >>> 16);
                groups.add(v4.get().intValue() & 0xffff);
            } else if (HEX_GROUP.matcher(part).matches()) {
                groups.add(Integer.parseInt(part, 16));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(groups);
    }
}
