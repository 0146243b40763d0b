package hu.tokenplatform.tokenmanager.enrolment;

import picocli.CommandLine.Command;

/** Branch use at hand-over: key pairs generated on the token, the bank's certificates written back to it. */
@Command(name = "enrol", mixinStandardHelpOptions = true,
        subcommands = {GenerateKeysCommand.class, WriteCertificatesCommand.class})
public final class EnrolCommand {
}
