package hu.tokenplatform.tokenmanager.enrolment;

import hu.tokenplatform.tokenmanager.TokenManager;
import hu.tokenplatform.tokenmanager.cli.ExitCodes;
import hu.tokenplatform.tokenmanager.cli.Terminal;
import hu.tokenplatform.tokenmanager.device.DeviceState;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenDeviceException;
import hu.tokenplatform.tokenmanager.device.TokenEnrolment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

/** Writes the certificates the registry issued at hand-over to the token; each must certify the token's own key. */
@Command(name = "write-certificates", mixinStandardHelpOptions = true)
public final class WriteCertificatesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--login", required = true, paramLabel = "PEM")
    Path login;

    @Option(names = "--signing", paramLabel = "PEM")
    Path signing;

    @Override
    public Integer call() throws IOException {
        TokenManager app = (TokenManager) spec.root().userObject();
        Terminal terminal = app.terminal();
        try (TokenDevice token = app.tokenPort().open()) {
            token.requireState(DeviceState.FACTORY, "personalisation");
            TokenEnrolment branch = token.personalise();
            branch.writeCertificate(KeySlot.LOGIN, read(login));
            terminal.say("enrol.certificate-written", terminal.text("slot.LOGIN"));
            if (signing != null) {
                branch.writeCertificate(KeySlot.SIGNING, read(signing));
                terminal.say("enrol.certificate-written", terminal.text("slot.SIGNING"));
            }
            return ExitCodes.OK;
        }
    }

    /** The first certificate of a PEM file (the registry's answer may carry the chain after it). */
    private static X509Certificate read(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new TokenDeviceException("no certificate in " + pem.getFileName(), e);
        }
    }
}
