package example;

public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello from a repository the build made sure of");
    }
}
