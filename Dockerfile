# One image per service: docker compose builds this file once per service with SERVICE set.
# Stage 1 builds the service's executable jar with the same Maven build as everywhere else.
FROM maven:3.9.11-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -pl ${SERVICE} -am -DskipTests package

FROM eclipse-temurin:17.0.16_8-jre
ARG SERVICE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 portal
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*-exec.jar /app/service.jar
USER portal
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
