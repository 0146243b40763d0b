package hu.tokenplatform.auth.pki;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Certificates whose path to the bank's issuing CA validated, by SHA-256 of their whole encoding: at most
 * {@code capacity}, the least recently used forgotten first. Forgetting costs one full validation, nothing more.
 */
final class ValidatedPaths {

    /** SHA-256 of a certificate's encoding, as four longs (cheap to hash and compare). */
    record Key(long a, long b, long c, long d) {

        static Key of(byte[] encoding) {
            try {
                ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(encoding));
                return new Key(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
    }

    private final int capacity;
    private final Map<Key, Boolean> keys;

    ValidatedPaths(int capacity) {
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > ValidatedPaths.this.capacity;
            }
        };
    }

    synchronized boolean contains(Key key) {
        return keys.get(key) != null;
    }

    synchronized void add(Key key) {
        if (capacity > 0) {
            keys.put(key, Boolean.TRUE);
        }
    }

    synchronized int size() {
        return keys.size();
    }
}
