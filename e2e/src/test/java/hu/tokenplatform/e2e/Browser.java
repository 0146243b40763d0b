package hu.tokenplatform.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The user's web browser: Debian's Chromium, headless, driven through ChromeDriver. */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;

    Browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The closed network of this machine: no background connections, no first-run pages.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    void click(String id) {
        element(id).click();
    }

    void type(String name, String text) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(text);
    }

    void submit(String formId) {
        driver.findElement(By.id(formId)).submit();
    }

    String text(String id) {
        return element(id).getText();
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String page() {
        return driver.getPageSource();
    }

    <T> T await(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).withMessage(what).until(condition);
    }

    WebElement element(String id) {
        return await("element #" + id, d -> d.findElements(By.id(id)).stream().findFirst().orElse(null));
    }

    /** The first element {@code by} finds, once it is there (for fields without an id: a file picker, a box). */
    WebElement find(By by) {
        return await("element " + by, d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** The page as shown, into a PNG (for docs/images/). */
    void screenshot(Path png) {
        try {
            Files.createDirectories(png.getParent());
            Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The window's size, so that screenshots show a whole screen. */
    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * Runs {@code script} in the page as the page's own code would, and returns what it passes to its callback
     * ({@code arguments[arguments.length - 1]}): for requests the page itself could send (fetch with its cookies).
     */
    Object runInPage(String script) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
