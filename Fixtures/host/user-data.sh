#!/bin/bash
# glowcorp-web user data (Amazon Linux 2023): nginx in front, the apps in Docker.
dnf install -y nginx docker
systemctl enable --now docker
docker run -d --name glow-app --restart unless-stopped -p 127.0.0.1:3000:3000 glowcorp/app:1.42.0
docker run -d --name glow-api --restart unless-stopped -p 127.0.0.1:4000:4000 glowcorp/api:2.7.3
systemctl enable --now nginx
