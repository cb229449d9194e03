/**
 * Profiles: named bundles of the defaults of well-known FTP software, so a scenario can say
 * "the server is vsftpd, the clients are curl". Each setting names its source; individual
 * options override a profile through the returned builder.
 */
package dev.ftpsim.ftp.profile;
