PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
INSERT INTO __EFMigrationsHistory VALUES('20261122000000_Initial','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261122010000_ApiKeysAndRetention','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261125000000_PortalAdministration','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261125200000_TrustStorage','10.0.15');
CREATE TABLE IF NOT EXISTS "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);
INSERT INTO AspNetRoles VALUES('61a06b02-6748-486c-9375-a3f3463454ab','Admin','ADMIN','b0d0ccf2-60c0-4871-8cb5-efdcfccf1f75');
INSERT INTO AspNetRoles VALUES('d013e276-bbd7-4b08-b101-19aaa65eef7c','Support','SUPPORT','18dd0c6a-4e83-4c81-8464-f7390d4c6474');
CREATE TABLE IF NOT EXISTS "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
, "MustChangePassword" INTEGER NOT NULL DEFAULT 0, "PrefersDarkMode" INTEGER NOT NULL DEFAULT 0);
INSERT INTO AspNetUsers VALUES('a60879fb-822f-4274-af58-523b4f764ee5','admin@sentinel.local','ADMIN@SENTINEL.LOCAL','admin@sentinel.local','ADMIN@SENTINEL.LOCAL',1,'AQAAAAIAAYagAAAAEAwg7pZmBTeWU0vp8hQvZvXAjGPZf53HL3MTSr7mNV7ssv2icwgDnOipIoQHekTpHw==','ZHEMKS3CRZL5LMCSS5ELYVSALYD3IBXM','a603646a-3e27-460e-a830-196faeb12fa9',NULL,0,0,NULL,1,0,0,0);
CREATE TABLE IF NOT EXISTS "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
INSERT INTO AspNetUserRoles VALUES('a60879fb-822f-4274-af58-523b4f764ee5','61a06b02-6748-486c-9375-a3f3463454ab');
CREATE TABLE IF NOT EXISTS "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "Projects" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Projects" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
, "RetentionDays" INTEGER NOT NULL DEFAULT 30, "ArchivedAt" TEXT NULL);
INSERT INTO Projects VALUES('8AE4C6E5-3B71-483D-AB1A-F78B29513F40','Legacy','legacy','2026-11-25 22:58:00.4431523',30,NULL);
CREATE TABLE IF NOT EXISTS "AuditEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "At" TEXT NOT NULL,
    "ActorUserId" TEXT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "ProjectId" TEXT NULL,
    "Detail" TEXT NULL
);
INSERT INTO AuditEntries VALUES('63776772-08A8-4996-82CA-3E35D9441EA4','2026-11-25 22:57:55.535073',NULL,'system','bootstrap.admin_created','admin@sentinel.local',NULL,NULL);
INSERT INTO AuditEntries VALUES('5F1B9ACC-1F38-4A86-8C1E-ADD0577F7BB0','2026-11-25 22:58:00.4971704',NULL,'cli','project.created','Legacy','8AE4C6E5-3B71-483D-AB1A-F78B29513F40','slug=legacy');
INSERT INTO AuditEntries VALUES('1C65FA13-1D65-4B9D-970C-F8B27296A863','2026-11-25 22:58:00.7510244',NULL,'cli','key.created','Legacy: ingest key','8AE4C6E5-3B71-483D-AB1A-F78B29513F40','kind=Ingest prefix=snt_ing_wfzsrub3mzyw');
INSERT INTO AuditEntries VALUES('C62A91F6-C388-4E95-9FDE-97650E04C3F9','2026-11-25 22:58:00.789539',NULL,'cli','key.created','Legacy: publishable key','8AE4C6E5-3B71-483D-AB1A-F78B29513F40','kind=Publishable prefix=snt_pub_vxuzh5v4zizl');
INSERT INTO AuditEntries VALUES('F05457C0-E14C-4743-96A1-0AC00CBFFF62','2026-11-25 22:58:00.7990623',NULL,'cli','key.created','Legacy: secret key','8AE4C6E5-3B71-483D-AB1A-F78B29513F40','kind=Secret prefix=snt_sec_6tkmdrlgil5w');
INSERT INTO AuditEntries VALUES('B6EDD6E8-1FF7-4BD6-95DD-76BF5D646F28','2026-11-25 22:58:00.9787377',NULL,'cli','trust.origins_set','8ae4c6e5-3b71-483d-ab1a-f78b29513f40','8AE4C6E5-3B71-483D-AB1A-F78B29513F40','https://legacy.example');
CREATE TABLE IF NOT EXISTS "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "ApiKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Hash" BLOB NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "RevokedAt" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    CONSTRAINT "FK_ApiKeys_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
INSERT INTO ApiKeys VALUES('C5DCB71A-A6B3-4F59-B074-A0A0529AF0F2','8AE4C6E5-3B71-483D-AB1A-F78B29513F40',1,'ingest key','snt_ing_wfzsrub3mzyw',X'd4bb719cf1149e5d208006112394bb6a62febd611414bd2625f8a9c80ac09b1b','2026-11-25 22:58:00.7110037',NULL,NULL,NULL);
INSERT INTO ApiKeys VALUES('355B71ED-AEDB-433D-B749-43A3F6174B33','8AE4C6E5-3B71-483D-AB1A-F78B29513F40',2,'publishable key','snt_pub_vxuzh5v4zizl',X'1027842459024ff22c1b5751c6158afff45bb5a675fa0693fea0e715d7893c0d','2026-11-25 22:58:00.7893453',NULL,NULL,NULL);
INSERT INTO ApiKeys VALUES('02BABFA2-1C91-4BAB-8298-E55C72C28C63','8AE4C6E5-3B71-483D-AB1A-F78B29513F40',3,'secret key','snt_sec_6tkmdrlgil5w',X'380e6dd88e1f04ed396c29c429a5f1b1a613f7d24872d2f5c8d5027b3cbdcef3','2026-11-25 22:58:00.799011',NULL,NULL,NULL);
CREATE TABLE IF NOT EXISTS "TrustProjectSettings" (
    "ProjectId" TEXT NOT NULL CONSTRAINT "PK_TrustProjectSettings" PRIMARY KEY,
    "AllowedOrigins" TEXT NOT NULL,
    "UserSalt" BLOB NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_TrustProjectSettings_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
INSERT INTO TrustProjectSettings VALUES('8AE4C6E5-3B71-483D-AB1A-F78B29513F40','https://legacy.example',X'095d46a7331733ee28134a5f1cdaca072012cbd0ba97a15374f4f0dffff4f9c7','2026-11-25 22:58:00.9786518');
CREATE TABLE IF NOT EXISTS "TrustUserProfiles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TrustUserProfiles" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "UserHash" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "MouseBaseline" BLOB NULL,
    "KeystrokeProfiles" TEXT NOT NULL,
    "SessionsLearned" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_TrustUserProfiles_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "TrustSessionSummaries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TrustSessionSummaries" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "SessionId" TEXT NOT NULL,
    "UserHash" TEXT NULL,
    "FirstSeen" TEXT NOT NULL,
    "LastSeen" TEXT NOT NULL,
    "FinalizedAt" TEXT NOT NULL,
    "EventsSeen" INTEGER NOT NULL,
    "Rejected" INTEGER NOT NULL,
    "Score" REAL NOT NULL,
    "Action" INTEGER NOT NULL,
    "Reasons" TEXT NOT NULL,
    "ModelVersions" TEXT NOT NULL,
    "ProfileVersion" INTEGER NOT NULL,
    "OverrideAction" INTEGER NULL,
    "OverrideBy" TEXT NULL,
    "OverrideNote" TEXT NULL,
    "OverrideAt" TEXT NULL,
    "Outcome" INTEGER NULL,
    "OutcomeNote" TEXT NULL,
    "OutcomeAt" TEXT NULL,
    "MouseProfile" BLOB NULL,
    "KeystrokeSamples" TEXT NULL,
    "RawSample" BLOB NULL,
    "LearnedAt" TEXT NULL,
    CONSTRAINT "FK_TrustSessionSummaries_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "TrustVerdictAudits" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TrustVerdictAudits" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "SessionId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Action" INTEGER NULL,
    "Score" REAL NULL,
    "Actor" TEXT NOT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "FK_TrustVerdictAudits_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
DELETE FROM sqlite_sequence;
CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");
CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");
CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");
CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");
CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
CREATE UNIQUE INDEX "IX_Projects_Slug" ON "Projects" ("Slug");
CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");
CREATE INDEX "IX_AuditEntries_ProjectId_At" ON "AuditEntries" ("ProjectId", "At");
CREATE UNIQUE INDEX "IX_ApiKeys_Prefix" ON "ApiKeys" ("Prefix");
CREATE INDEX "IX_ApiKeys_ProjectId" ON "ApiKeys" ("ProjectId");
CREATE UNIQUE INDEX "IX_Projects_Name" ON "Projects" ("Name");
CREATE UNIQUE INDEX "IX_TrustUserProfiles_ProjectId_UserHash" ON "TrustUserProfiles" ("ProjectId", "UserHash");
CREATE UNIQUE INDEX "IX_TrustSessionSummaries_ProjectId_SessionId" ON "TrustSessionSummaries" ("ProjectId", "SessionId");
CREATE INDEX "IX_TrustSessionSummaries_ProjectId_LastSeen" ON "TrustSessionSummaries" ("ProjectId", "LastSeen");
CREATE INDEX "IX_TrustSessionSummaries_LearnedAt" ON "TrustSessionSummaries" ("LearnedAt");
CREATE INDEX "IX_TrustVerdictAudits_ProjectId_SessionId_At" ON "TrustVerdictAudits" ("ProjectId", "SessionId", "At");
COMMIT;
