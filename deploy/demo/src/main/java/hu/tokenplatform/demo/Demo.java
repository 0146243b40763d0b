package hu.tokenplatform.demo;

/** Entry point of the demo jar: {@code setup} (the demo user's hand-over) or {@code relying-party} (the stand-in app). */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 1 ? args[0] : "";
        switch (command) {
            case "setup" -> DemoSetup.fromEnvironment(System.getenv()).run();
            case "relying-party" -> DemoRelyingParty.fromEnvironment(System.getenv()).serve();
            default -> {
                System.err.println("usage: java -jar platform-demo.jar setup|relying-party (run by deploy/run-platform.sh)");
                System.exit(2);
            }
        }
    }
}
