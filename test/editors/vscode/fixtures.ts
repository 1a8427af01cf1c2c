/**
 * Templates and workspace settings shared by the real-editor tests: the extension-host suite
 * (cases.ts, runs inside VS Code), its launchers (runTest.ts, ../code-server.test.ts) and the UI
 * test. No `vscode` import here: the launchers run in plain Node.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** An unencrypted S3 bucket next to a customer managed KMS key: one s3-bucket-encryption warning whose preferred (safe) fix uses PhiKey. */
export const BUCKET_AND_KEY = `AWSTemplateFormatVersion: '2010-09-09'
Description: Patient intake storage
Resources:
  PhiKey:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  IntakeBucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
`;

/** A second unencrypted bucket, typed at the end of BUCKET_AND_KEY. */
export const SECOND_BUCKET = `  ArchiveBucket:
    Type: AWS::S3::Bucket
    Properties:
      ObjectLockEnabled: false
`;

/**
 * Three findings with safe fixes (S3, SQS, SNS) and one whose fix is only a suggestion (a log
 * group needs a key policy statement for CloudWatch Logs): fix-all must leave just that one.
 */
export const SAFE_AND_UNSAFE = `AWSTemplateFormatVersion: '2010-09-09'
Description: Patient intake messaging
Resources:
  PhiKey:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  IntakeBucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
  IntakeQueue:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 345600
  AlertsTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: intake-alerts
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365
`;

/**
 * Workspace settings of the test workspace: fix-all on explicit save, nothing else saving on its
 * own. The editor tests follow the at-rest findings of these templates (squiggle, quick fix,
 * fix-all); the rules that want TLS-only resource policies and public access blocks would add a finding to every bare
 * bucket, queue and topic, so they are off here (a user's cfnHipaa.rules setting, as in the docs).
 */
export const WORKSPACE_SETTINGS = {
  'editor.codeActionsOnSave': { 'source.fixAll.cfn-hipaa': 'explicit' },
  'files.autoSave': 'off',
  'cfnHipaa.rules': { 's3-bucket-ssl-requests-only': 'off', 'sqs-queue-ssl-only': 'off', 'sns-topic-ssl-only': 'off', 's3-bucket-public-access-block': 'off' },
};

/** User settings that keep the workbench quiet and offline (welcome page, trust prompt, updates). */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
};

/** Creates the test workspace: .vscode/settings.json plus the given files. Returns the folder. */
export function createWorkspace(dir: string, files: Record<string, string> = {}): string {
  mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2) + '\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Writes VS Code user settings into a --user-data-dir. */
export function writeUserSettings(userDataDir: string): void {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
}
