package hu.tokenplatform.console.layout;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The start page after sign-in: who is signed in, with which roles, and the screens those roles open. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

    @Inject
    Page page;

    @Inject
    @Location("home.html")
    Template home;

    @Inject
    @Location("signed-out.html")
    Template signedOut;

    @GET
    public TemplateInstance home() {
        return page.of(home);
    }

    /** Where Keycloak sends the browser back after sign-out; needs no session. */
    @GET
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return page.of(signedOut);
    }
}
