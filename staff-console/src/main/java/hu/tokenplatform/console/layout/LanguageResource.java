package hu.tokenplatform.console.layout;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Switches the language and remembers it in a cookie for a year; then back to the page the switch was on. */
@Path("/language")
public class LanguageResource {

    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    @GET
    public Response choose(@QueryParam("lang") String tag, @QueryParam("back") String back) {
        Language language = Language.of(tag);
        NewCookie cookie = new NewCookie.Builder(Language.COOKIE).value(language.tag()).path("/")
                .maxAge(ONE_YEAR_SECONDS).httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create(localPath(back))).cookie(cookie).build();
    }

    /** Only a path of this console: anything else ({@code //evil.example}, {@code https://...}) goes home. */
    static String localPath(String back) {
        if (back == null || !back.matches("/[A-Za-z0-9/_-]*")) {
            return "/";
        }
        return back;
    }
}
