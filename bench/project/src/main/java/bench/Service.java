package bench;

/** The benchmark project's only class: something to compile and package. */
public final class Service {

    private Service() {}

    public static void main(String[] args) {
        System.out.println("hello from " + Service.class.getName());
    }
}
