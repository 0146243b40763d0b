package hu.tokenplatform.console.layout;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A screen the person's roles do not open answers 403 with a page that says so in their language, with the
 * layout (who is signed in, which roles) so that they see why.
 */
public class ForbiddenPage {

    @Inject
    Page page;

    @Inject
    @Location("forbidden.html")
    Template forbidden;

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE)
                .entity(page.of(forbidden).render()).build();
    }
}
