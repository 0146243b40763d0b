package hu.tokenplatform.auth.password;

import java.util.List;

/**
 * @param imported     customer identifiers whose hash is now stored (new or replaced)
 * @param recontracted customer identifiers skipped because they were re-contracted: password login is off for them
 */
public record ImportResult(List<String> imported, List<String> recontracted) {
}
