package com.meshagent.spring.boot.readme;

// README:begin
import com.meshagent.filter.MeshAgentRequests;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccess;
import com.meshagent.filter.room.RoomAccessPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }

    @Bean
    RoomAccessPolicy rooms() {
        return (user, room) -> user.verifiedEmail().filter(e -> e.endsWith("@example.com")).isPresent()
                ? new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofMinutes(30))
                : new RoomAccess.Denied("Rooms are for example.com accounts");
    }
}

@RestController
class HelloController {

    @GetMapping("/hello")
    String hello(HttpServletRequest request) {
        return "Hello " + MeshAgentRequests.user(request).orElseThrow().email();
    }
}
// README:end
