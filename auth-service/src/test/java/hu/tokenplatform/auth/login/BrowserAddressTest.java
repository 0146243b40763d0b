package hu.tokenplatform.auth.login;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The walk of X-Forwarded-For from the right: only what trusted proxies wrote is believed. */
class BrowserAddressTest {

    private static final BrowserAddress BEHIND_PROXIES = new BrowserAddress(List.of("10.0.0.0/8", "192.0.2.10", "2001:db8:1::/48"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        BrowserAddress direct = new BrowserAddress(List.of());
        assertEquals("203.0.113.9", direct.clientOf("203.0.113.9", List.of("198.51.100.1")));
        assertEquals("127.0.0.1", direct.clientOf("127.0.0.1", List.of("198.51.100.1")));
    }

    @Test
    void aPeerThatIsNotATrustedProxyIsTheClientWhateverItForwards() {
        assertEquals("203.0.113.9", BEHIND_PROXIES.clientOf("203.0.113.9", List.of("10.1.1.1, 198.51.100.1")));
    }

    @Test
    void theRightMostUntrustedHopIsTheClientNotTheLeftMostTheClientWrote() {
        assertEquals("198.51.100.7", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("1.2.3.4, 5.6.7.8, 198.51.100.7")));
        assertEquals("198.51.100.7", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("1.2.3.4, 198.51.100.7, 192.0.2.10, 10.9.9.9")));
    }

    @Test
    void severalHeaderFieldsAreOneListInOrder() {
        assertEquals("198.51.100.7", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("1.2.3.4", "198.51.100.7", "10.2.2.2")));
    }

    @Test
    void aTrustedProxyWithoutHeaderIsItselfTheClient() {
        assertEquals("10.0.0.5", BEHIND_PROXIES.clientOf("10.0.0.5", List.of()));
        assertEquals("10.3.3.3", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("10.3.3.3")));
    }

    @Test
    void portsBracketsAndIpv6AreUnderstood() {
        assertEquals("198.51.100.7", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("198.51.100.7:51234")));
        assertEquals("2001:db8:2:0:0:0:0:1", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("[2001:db8:2::1]:443")));
        assertEquals("2001:db8:2:0:0:0:0:1", BEHIND_PROXIES.clientOf("2001:db8:1::9", List.of("2001:db8:2::1")));
        assertEquals("198.51.100.7", BEHIND_PROXIES.clientOf("::ffff:10.0.0.5", List.of("::ffff:198.51.100.7")));
    }

    @Test
    void garbageStopsTheWalkAtTheTrustedHopThatReportedIt() {
        assertEquals("10.0.0.5", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("not-an-address")));
        assertEquals("10.4.4.4", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("198.51.100.7, evil.example, 10.4.4.4")));
        assertEquals("10.0.0.5", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("198.51.100.7, ")));
        assertEquals("10.0.0.5", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("[2001:db8::1")));
        assertEquals("10.0.0.5", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("x".repeat(10_000))));
    }

    @Test
    void anOverlongChainIsReadOnlyFromItsTrustedEnd() {
        String chain = "198.51.100.1, ".repeat(5_000) + "198.51.100.7";
        assertEquals("198.51.100.7", BEHIND_PROXIES.clientOf("10.0.0.5", List.of(chain)));
        String proxies = "10.0.0.1, ".repeat(100) + "10.0.0.2";
        assertEquals("10.0.0.1", BEHIND_PROXIES.clientOf("10.0.0.5", List.of("198.51.100.7, " + proxies)),
                "a chain of more trusted hops than exist stops at the last one looked at");
    }

    @Test
    void trustedProxiesMustBeAddressesOrCidrBlocks() {
        assertThrows(IllegalArgumentException.class, () -> new BrowserAddress(List.of("proxy.bank.hu")));
        assertThrows(IllegalArgumentException.class, () -> new BrowserAddress(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> new BrowserAddress(List.of("10.0.0.0/x")));
    }

    @Test
    void cidrBlocksMatchOnTheirPrefixOnly() {
        BrowserAddress partial = new BrowserAddress(List.of("172.16.0.0/12"));
        assertEquals("198.51.100.7", partial.clientOf("172.31.255.255", List.of("198.51.100.7")));
        assertEquals("172.32.0.1", partial.clientOf("172.32.0.1", List.of("198.51.100.7")));
    }
}
