package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.config.AuthConfig;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The browser's address for the per-address limits: the address the bank's proxy saw, never one the browser
 * claims. Every proxy appends the address it received the connection from to {@code X-Forwarded-For}, so only
 * the right-hand end of the header was written by someone we trust; its left-hand values are whatever the client
 * sent. The header is walked from the right, past hops that are trusted proxies ({@code auth.trusted-proxies});
 * the first hop that is not one is the client. With no trusted proxy, or a TCP peer that is not one, the header
 * is ignored and the peer is the client. A hop that is not an address literal (written by nobody honest) stops
 * the walk at the trusted hop that reported it, so garbage is counted against the proxy, never against nobody.
 */
@ApplicationScoped
public class BrowserAddress {

    static final String HEADER = "X-Forwarded-For";
    /** Hops looked at from the right: a longer chain of trusted proxies does not exist, so the walk stops there. */
    static final int MAX_HOPS = 16;
    /** An address literal with brackets and port is under 64 characters; anything longer is not one. */
    private static final int MAX_HOP_CHARS = 64;

    private final List<Network> trustedProxies;

    @Inject
    public BrowserAddress(AuthConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    BrowserAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(Network::parse).toList();
    }

    /** The client's address for a request to the browser-facing listener. */
    public String of(HttpServerRequest request) {
        return clientOf(request.remoteAddress().hostAddress(), request.headers().getAll(HEADER));
    }

    /**
     * @param peer           the TCP peer's address
     * @param forwardedFor   the {@code X-Forwarded-For} header fields in the order received (several fields are one list)
     */
    String clientOf(String peer, List<String> forwardedFor) {
        byte[] current = literal(peer).orElseThrow(() -> new IllegalArgumentException("peer is not an address: " + peer));
        if (!trusted(current)) {
            return text(current);
        }
        String chain = String.join(",", forwardedFor);
        int end = chain.length();
        for (int hops = 0; hops < MAX_HOPS && end > 0; hops++) {
            int start = chain.lastIndexOf(',', end - 1) + 1;
            Optional<byte[]> hop = end - start > MAX_HOP_CHARS ? Optional.empty() : hopAddress(chain.substring(start, end).strip());
            if (hop.isEmpty()) {
                return text(current);
            }
            if (!trusted(hop.get())) {
                return text(hop.get());
            }
            current = hop.get();
            end = start - 1;
        }
        return text(current);
    }

    private boolean trusted(byte[] address) {
        return trustedProxies.stream().anyMatch(network -> network.contains(address));
    }

    /** {@code 192.0.2.1}, {@code 192.0.2.1:443}, {@code 2001:db8::1}, {@code [2001:db8::1]} or {@code [2001:db8::1]:443}. */
    private static Optional<byte[]> hopAddress(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            if (close < 0 || !(close == hop.length() - 1 || hop.charAt(close + 1) == ':')) {
                return Optional.empty();
            }
            return literal(hop.substring(1, close));
        }
        int colon = hop.indexOf(':');
        if (colon >= 0 && colon == hop.lastIndexOf(':')) {
            return literal(hop.substring(0, colon));
        }
        return literal(hop);
    }

    /** Address literals only: parsing never asks DNS. IPv4-mapped IPv6 addresses become IPv4 ones. */
    private static Optional<byte[]> literal(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trusted proxy: one address or a CIDR block. */
    record Network(byte[] prefix, int bits) {

        static Network parse(String text) {
            String trimmed = text.strip();
            int slash = trimmed.indexOf('/');
            byte[] address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash))
                    .orElseThrow(() -> invalid(text));
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(trimmed.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw invalid(text);
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw invalid(text);
                }
            }
            return new Network(address, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        private static IllegalArgumentException invalid(String text) {
            return new IllegalArgumentException("auth.trusted-proxies: not an IP address or CIDR block: " + text);
        }
    }
}
