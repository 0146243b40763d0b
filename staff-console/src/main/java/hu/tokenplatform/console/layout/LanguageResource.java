package hu.tokenplatform.console.layout;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.regex.Pattern;

/** Switches the language and remembers it in a cookie for a year; then back to the page the switch was on. */
@Path("/language")
public class LanguageResource {

    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    /** HTTPS only, like the session's cookies (see application.properties). */
    @ConfigProperty(name = "quarkus.rest-csrf.cookie-force-secure")
    boolean secureCookies;

    @GET
    public Response choose(@QueryParam("lang") String tag, @QueryParam("back") String back) {
        Language language = Language.of(tag);
        NewCookie cookie = new NewCookie.Builder(Language.COOKIE).value(language.tag()).path("/")
                .maxAge(ONE_YEAR_SECONDS).httpOnly(true).secure(secureCookies).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create(localPath(back))).cookie(cookie).build();
    }

    /**
     * Only a screen of this console: anything else goes home. A list of the screens, not a path shape: a shape such as
     * {@code /[A-Za-z0-9/_-]*} lets {@code //intranet-host} through, which the redirect resolves to another host.
     */
    static String localPath(String back) {
        if (back == null || !SCREENS.matcher(back).matches()) {
            return "/";
        }
        return back;
    }

    private static final Pattern SCREENS = Pattern.compile("/((helpdesk|auditor|branch|ops)(/[A-Za-z0-9_-]+)*)?");
}
